import type { DrsClient } from '../drs/client.js';
import type { DrsError } from '../drs/errors.js';
import type { TokenSource } from '../drs/iam-token.js';
import type { ProbeAs } from '../drs/probe.js';
import type { SharedHealth } from '../shared-state/types.js';
import type { DrsEvidence, LastDrsAnswer } from './last-answer.js';

export interface ReadinessOptions {
  drs: DrsClient;
  /** What real traffic showed; the probe writes its outcome here too. */
  lastAnswer: LastDrsAnswer;
  probeAs: ProbeAs;
  /** How long an answer (a call's or the probe's) stands as proof: also the least time between probes. */
  ttlMs: number;
  probeTimeoutMs: number;
  /** The shared state's health (src/shared-state): reported, and failing readiness only when required. */
  sharedState?: () => SharedHealth;
  /** The gateway's own IAM token (DRS_IAM_*): while none can be had, the gateway is not ready. */
  iam?: TokenSource | undefined;
}

/** The body of GET /readiness: what was checked, never a credential or a URL. */
export interface ReadinessReport {
  status: 'ready' | 'not-ready';
  checks: {
    /** `reachable: false` with `status: 0` and no source when nothing was learnt (shutting down, breaker open). */
    drs: DrsEvidence | { reachable: 'unknown' };
    breakers: Record<string, string>;
    shuttingDown: boolean;
    /** Memory, or Redis up or down; with `required` (REDIS_REQUIRED) a down Redis means not ready. */
    sharedState?: { backend: string; up: boolean; required: boolean };
    /** Only with DRS_IAM_*: whether a token is held or could be had, else IAM's refusal code. */
    iam?: { ok: boolean; code?: string | undefined };
  };
}

/**
 * Ready means: not shutting down, no DRS breaker open, a required Redis up, and DRS answered recently (a call's answer,
 * or else one probe, shared by every concurrent check and kept for `ttlMs`).
 */
export class Readiness {
  private shuttingDown = false;
  private probing: Promise<void> | undefined;

  constructor(private readonly options: ReadinessOptions) {}

  /** From now on the gateway reports not ready (SIGTERM: let load balancers move away while draining). */
  shutDown(): void {
    this.shuttingDown = true;
  }

  async check(): Promise<ReadinessReport> {
    const breakers = this.options.drs.breakerStates();
    const open = Object.values(breakers).includes('open');
    // Already not ready: no reason to spend a call on DRS.
    const drs = this.shuttingDown || open ? this.known() : await this.reachability();
    const shared = this.options.sharedState?.();
    const sharedOk = shared === undefined || shared.up || !shared.required;
    const iam = this.options.iam && (await iamState(this.options.iam));
    const ready = !this.shuttingDown && !open && drs.reachable === true && sharedOk && iam?.ok !== false;
    const checks: ReadinessReport['checks'] = {
      drs,
      breakers,
      shuttingDown: this.shuttingDown,
      ...(iam ? { iam } : {}),
    };
    if (shared) checks.sharedState = { backend: shared.backend, up: shared.up, required: shared.required };
    return { status: ready ? 'ready' : 'not-ready', checks };
  }

  private known(): DrsEvidence | { reachable: 'unknown' } {
    return this.options.lastAnswer.recent(this.options.ttlMs) ?? { reachable: 'unknown' };
  }

  private async reachability(): Promise<DrsEvidence | { reachable: 'unknown' }> {
    const { lastAnswer, ttlMs } = this.options;
    const seen = lastAnswer.recent(ttlMs);
    if (seen !== undefined) return seen;
    // Single flight: a burst of readiness requests shares one probe.
    this.probing ??= this.probe().finally(() => {
      this.probing = undefined;
    });
    await this.probing;
    return this.known();
  }

  private async probe(): Promise<void> {
    const { drs, probeAs, probeTimeoutMs, lastAnswer } = this.options;
    const result = await drs.probe(probeAs, probeTimeoutMs);
    lastAnswer.record('probe', result.status, result.code);
  }
}

/** A held token costs nothing; else one IAM request, shared and held back after a failure (iam-token.ts). */
async function iamState(source: TokenSource): Promise<{ ok: boolean; code?: string | undefined }> {
  try {
    await source.token();
    return { ok: true };
  } catch (error) {
    return { ok: false, code: (error as DrsError).code };
  }
}
