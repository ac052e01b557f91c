import type { DrsError } from './errors.js';
import { LocalCode } from './errors.js';
import type { IamToken } from './iam-request.js';

/** A credential whose token changes over time: what DRS calls ask just before they are sent. */
export interface TokenSource {
  /** Stable across renewals and not secret: for per-credential limits and poll grouping. */
  readonly key: string;
  /** A token valid for a while yet; waits for IAM only when none is held. */
  token(): Promise<string>;
  /** DRS refused `stale`: a newer token, or undefined when there is none worth retrying with. */
  renew(stale: string): Promise<string | undefined>;
}

export type IamFetchOutcome = { ok: true; expiresInMs: number } | { ok: false; error: DrsError };

export interface IamTokenOptions {
  key: string;
  /** One IAM request (requestIamToken bound to its target). */
  fetch: () => Promise<IamToken>;
  now: () => number;
  /** Hears every IAM request's outcome (logs); never given the token. */
  onFetch?: (outcome: IamFetchOutcome) => void;
}

/** Renew this long before expiry (at most a tenth of the life): IAM tokens live 24 h, so after 23 h. */
const RENEW_BEFORE_MS = 3_600_000;
/** Never send a token this close to its end: it could expire on the way. */
const SAFETY_MS = 30_000;
/** A token DRS refuses this soon after IAM issued it is not stale: asking again would not help. */
const MIN_FORCED_RENEWAL_MS = 60_000;
/** After a refusal, IAM is not asked again for this long: repeated wrong passwords can lock an IAM user. */
const REJECTED_HOLD_MS = 300_000;
const UNAVAILABLE_HOLD_MS = 10_000;

/**
 * The gateway's IAM token: fetched on first use, then served from memory. In its last hour a
 * request still gets the held token while one renewal runs beside it; a failed renewal keeps the
 * held token until it expires. One IAM request at a time (single flight), and after a failure
 * none for a while: callers get the remembered error instead.
 */
export class IamTokenSource implements TokenSource {
  readonly key: string;
  /** IAM requests made, by outcome (metrics). */
  readonly counts = { ok: 0, rejected: 0, unavailable: 0 };
  private held: IamToken | undefined;
  private inflight: Promise<IamToken> | undefined;
  private failure: { error: DrsError; until: number } | undefined;

  constructor(private readonly options: IamTokenOptions) {
    this.key = options.key;
  }

  async token(): Promise<string> {
    const now = this.options.now();
    const held = this.held;
    if (held !== undefined && now < held.expiresAt - SAFETY_MS) {
      // Renewal failures were recorded by fetch; the held token serves meanwhile.
      if (now >= renewAt(held)) this.fetch(now).catch(() => {});
      return held.token;
    }
    return (await this.fetch(now)).token;
  }

  async renew(stale: string): Promise<string | undefined> {
    const now = this.options.now();
    const held = this.held;
    if (held !== undefined && held.token !== stale && now < held.expiresAt - SAFETY_MS) return held.token;
    if (held?.token === stale && now - held.obtainedAt < MIN_FORCED_RENEWAL_MS) return undefined;
    try {
      const fresh = await this.fetch(now);
      return fresh.token === stale ? undefined : fresh.token;
    } catch {
      return undefined;
    }
  }

  /** Until when the held token may be sent, on the source's clock (for the start-up line). */
  get validUntil(): number | undefined {
    return this.held && this.held.expiresAt - SAFETY_MS;
  }

  private fetch(now: number): Promise<IamToken> {
    if (this.inflight) return this.inflight;
    if (this.failure && now < this.failure.until) return Promise.reject(this.failure.error);
    const { fetch, onFetch } = this.options;
    this.inflight = fetch()
      .then(
        (fresh) => {
          this.held = fresh;
          this.failure = undefined;
          this.counts.ok++;
          onFetch?.({ ok: true, expiresInMs: fresh.expiresAt - this.options.now() });
          return fresh;
        },
        (error: DrsError) => {
          const rejected = error.code === LocalCode.iamRejected;
          if (rejected) this.counts.rejected++;
          else this.counts.unavailable++;
          this.failure = { error, until: this.options.now() + (rejected ? REJECTED_HOLD_MS : UNAVAILABLE_HOLD_MS) };
          onFetch?.({ ok: false, error });
          throw error;
        },
      )
      .finally(() => {
        this.inflight = undefined;
      });
    return this.inflight;
  }
}

function renewAt(token: IamToken): number {
  return token.expiresAt - Math.min(RENEW_BEFORE_MS, (token.expiresAt - token.obtainedAt) / 10);
}
