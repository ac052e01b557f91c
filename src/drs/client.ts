import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { Resilience } from '../config.js';
import { DRS_APIS, type DrsApi } from './apis.js';
import { runAttempts } from './attempts.js';
import { CircuitBreaker } from './breaker.js';
import { claimCall, type Reservation, releaseCall } from './call-budget.js';
import { type CallCollapse, callKey } from './collapse.js';
import { credentialKey, type DrsCredentials, type SendableAuth } from './credentials.js';
import { deadlineError, timeLeft } from './deadline.js';
import { DrsError, LocalCode } from './errors.js';
import type { TokenSource } from './iam-token.js';
import { RetryBudget, Semaphore } from './limits.js';
import { combineObservers, type DrsObserver } from './observer.js';
import { type ProbeAs, type ProbeResult, probeDrs } from './probe.js';
import { type CallRateLimit, LocalRateLimit } from './rate-limit.js';
import { toDrsError } from './retry.js';
import { bindSession, type Call, type DrsSession } from './session.js';

export { DRS_APIS, type DrsApi } from './apis.js';
export type { DrsCredentials } from './credentials.js';
export type { DrsAttemptInfo, DrsAttemptOutcome, DrsCallOutcome, DrsObserver } from './observer.js';
export type { DrsSession, ProgressDataReq } from './session.js';

export interface DrsClientOptions {
  /** Base URL, e.g. `https://drs.cn-north-4.myhuaweicloud.com`, without trailing slash. */
  endpoint: string;
  /** One keep-alive dispatcher shared by every request of the process. */
  dispatcher: Dispatcher;
  /** Time allowed for response headers and, separately, for the body, per attempt. */
  requestTimeoutMs: number;
  resilience: Resilience;
}

interface ApiState {
  breaker: CircuitBreaker;
  slots: Semaphore;
  budget: RetryBudget;
}

/**
 * One method per DRS API; every call goes through `send`: call budget → breaker → rate limit → fair
 * slot, then its attempts with retries (attempts.ts).
 */
export class DrsClient {
  private readonly apis = new Map<DrsApi, ApiState>();
  /** DRS_RATE_LIMIT_RPS per credential: this process's own until a gateway shares one (useRateLimit). */
  private rateLimit: CallRateLimit | undefined;
  /** Identical calls in flight go upstream once (DRS_COLLAPSE); none until a gateway sets one. */
  private collapse: CallCollapse | undefined;
  private readonly observers: DrsObserver[] = [];
  /** All of `observers` as one, or none: what every call and attempt reports to (observer.ts). */
  private observer: DrsObserver | undefined;

  constructor(private readonly options: DrsClientOptions) {}

  /** The client a gateway process uses: its endpoint, shared pool and configured resilience. */
  static fromConfig(
    config: { requestTimeoutMs: number; resilience: Resilience },
    endpoint: string,
    dispatcher: Dispatcher,
  ): DrsClient {
    return new DrsClient({
      endpoint,
      dispatcher,
      requestTimeoutMs: config.requestTimeoutMs,
      resilience: config.resilience,
    });
  }

  /**
   * Adds an observer beside those it has: the process adds its log and trace observers, a gateway
   * its readiness and metrics (a client shared by two gateways reports to both).
   */
  observe(observer: DrsObserver): void {
    this.observers.push(observer);
    this.observer = this.observers.length === 1 ? observer : combineObservers(this.observers);
  }

  /** Replaces the per-credential rate limit (a gateway passes one its replicas share). */
  useRateLimit(limit: CallRateLimit): void {
    this.rateLimit = limit;
  }

  /** Collapses identical calls that overlap in time (a gateway passes one, local or across replicas). */
  useCollapse(collapse: CallCollapse): void {
    this.collapse = collapse;
  }

  session(credentials: DrsCredentials): DrsSession {
    return bindSession(credentials.projectId, <T>(api: DrsApi, call: Call) => {
      const { collapse } = this;
      if (collapse === undefined) return this.send<T>(api, credentials, call);
      return collapse.run(callKey(api, credentials, call), credentials, () => this.send<T>(api, credentials, call));
    });
  }

  /** The shared keep-alive pool: the gateway's IAM token requests use it too. */
  get dispatcher(): Dispatcher {
    return this.options.dispatcher;
  }

  /** Breaker state per API, for logs and tests. */
  breakerState(api: DrsApi): string {
    return this.api(api).breaker.current;
  }

  /** Every API's breaker state (an API not called yet is closed), for readiness and metrics. */
  breakerStates(): Record<DrsApi, string> {
    return Object.fromEntries(DRS_APIS.map((api) => [api, this.apis.get(api)?.breaker.current ?? 'closed'])) as Record<
      DrsApi,
      string
    >;
  }

  /** One bare attempt that only asks whether DRS answers, for readiness (see probe.ts). */
  probe(as: ProbeAs, timeoutMs: number): Promise<ProbeResult> {
    return probeDrs(this.options, as, timeoutMs);
  }

  private async send<T>(api: DrsApi, credentials: DrsCredentials, call: Call): Promise<T> {
    const reservation = claimCall(credentials.usage);
    try {
      return await this.observed<T>(api, credentials, call, reservation);
    } finally {
      releaseCall(credentials.usage, reservation);
    }
  }

  private async observed<T>(
    api: DrsApi,
    credentials: DrsCredentials,
    call: Call,
    reservation: Reservation,
  ): Promise<T> {
    const observer = this.observer;
    if (observer?.call === undefined) return this.sendOnce<T>(api, credentials, call, reservation);
    const started = performance.now();
    let error: DrsError | undefined;
    try {
      return await this.sendOnce<T>(api, credentials, call, reservation);
    } catch (failure) {
      error = failure as DrsError;
      throw failure;
    } finally {
      observer.call({ api, durationMs: performance.now() - started, size: call.size, error }, credentials);
    }
  }

  private async sendOnce<T>(
    api: DrsApi,
    credentials: DrsCredentials,
    call: Call,
    reservation: Reservation,
  ): Promise<T> {
    const { auth, signal } = credentials;
    if (auth === undefined) {
      throw new DrsError({
        message: 'No DRS credential: send an X-Auth-Token header, or configure DRS_AUTH_TOKEN or DRS_AK/DRS_SK',
        status: 401,
        code: LocalCode.noCredentials,
      });
    }
    if (auth.kind === 'token' && !SENDABLE_TOKEN.test(auth.token)) {
      throw new DrsError({
        message: 'The DRS token is not a valid HTTP header value (control characters or over 16 KB); it was not sent',
        status: 401,
        code: LocalCode.badCredentials,
      });
    }
    // The gateway's IAM token may first need IAM; that failure says nothing about DRS, so no breaker yet.
    const sendAs = auth.kind === 'iam' ? await this.iamToken(auth.source, credentials) : auth;
    const state = this.api(api);
    if (!(await state.breaker.admit(signal).catch(() => false))) {
      throw new DrsError({
        message: `DRS ${api} is failing; not calling it for a while`,
        status: 0,
        code: LocalCode.circuitOpen,
      });
    }
    let release: (() => void) | undefined;
    const tenant = `${credentialKey(auth)}|${credentials.projectId}`;
    // A call waiting to retry sends nothing: its slot serves the next caller meanwhile, else a few
    // throttled calls sleeping 2–5 s would hold every slot of the API, other tenants' calls queued behind.
    const backOff = async (ms: number) => {
      release?.();
      release = undefined;
      await sleep(ms, undefined, { signal });
      release = await state.slots.acquire(signal, tenant);
    };
    try {
      await this.waitForRate(auth, credentials);
      const queued = this.observer?.queueWait ? performance.now() : 0;
      release = await state.slots.acquire(signal, tenant);
      if (queued) this.observer?.queueWait?.(api, performance.now() - queued);
      if (timeLeft(credentials) <= 0) throw deadlineError();
      const source = auth.kind === 'iam' ? auth.source : undefined;
      const result = await runAttempts<T>(this.options, this.observer, {
        api,
        call,
        credentials,
        sendAs,
        source,
        reservation,
        budget: state.budget,
        backOff,
      });
      state.breaker.success();
      return result;
    } catch (error) {
      const failure = toDrsError(error, signal);
      if (credentials.usage) credentials.usage.failures++;
      if (countsAgainstUpstream(failure)) state.breaker.failure();
      // Our own deadline, a departed client or a request undici refused says nothing about DRS's health.
      else if (SAYS_NOTHING.has(failure.code)) state.breaker.release();
      else state.breaker.success();
      throw failure;
    } finally {
      release?.();
    }
  }

  private async iamToken(source: TokenSource, credentials: DrsCredentials): Promise<SendableAuth> {
    try {
      return { kind: 'token', token: await source.token() };
    } catch (error) {
      if (credentials.usage) credentials.usage.failures++;
      throw error;
    }
  }

  private async waitForRate(auth: NonNullable<DrsCredentials['auth']>, credentials: DrsCredentials): Promise<void> {
    const rps = this.options.resilience.rateLimitRps;
    if (rps === 0) return;
    this.rateLimit ??= new LocalRateLimit(rps);
    if (!(await this.rateLimit.admit(credentialKey(auth), timeLeft(credentials), credentials.signal))) {
      throw deadlineError();
    }
  }

  private api(api: DrsApi): ApiState {
    let state = this.apis.get(api);
    if (state === undefined) {
      const { resilience } = this.options;
      state = {
        breaker: new CircuitBreaker(api, {
          failures: resilience.breakerFailures,
          cooldownMs: resilience.breakerCooldownMs,
          onStateChange: (_name, from, to) => this.observer?.breaker?.(api, from, to),
        }),
        slots: new Semaphore(resilience.maxConcurrencyPerApi),
        budget: new RetryBudget(resilience.retryBudgetRatio, resilience.retryBudgetMin),
      };
      this.apis.set(api, state);
    }
    return state;
  }
}

/** Visible ASCII only, as an IAM token is: anything else would fail in undici, not at DRS. */
const SENDABLE_TOKEN = /^[\x21-\x7e]{1,16384}$/;

/** Failures that tell nothing about DRS's health: they neither open nor close the breaker. */
const SAYS_NOTHING = new Set<string | undefined>([
  LocalCode.aborted,
  LocalCode.deadline,
  LocalCode.badRequest,
  LocalCode.callBudget,
]);

/** Failures that say DRS is unhealthy (5xx, no answer), as opposed to a refusal of this request. */
function countsAgainstUpstream(error: DrsError): boolean {
  if (error.code === LocalCode.network || error.code === LocalCode.timeout) return true;
  return error.status >= 500;
}
