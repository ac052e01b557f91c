import { setTimeout as sleep } from 'node:timers/promises';
import type { Dispatcher } from 'undici';
import type { Resilience } from '../config.js';
import { DRS_APIS, type DrsApi } from './apis.js';
import { CircuitBreaker } from './breaker.js';
import { type CallCollapse, callKey } from './collapse.js';
import { credentialKey, type DrsCredentials, requestHeaders, type SendableAuth } from './credentials.js';
import { DrsError, LocalCode } from './errors.js';
import { type Exchange, exchange } from './exchange.js';
import type { TokenSource } from './iam-token.js';
import { RetryBudget, Semaphore } from './limits.js';
import { combineObservers, type DrsAttemptOutcome, type DrsObserver } from './observer.js';
import { type ProbeAs, type ProbeResult, probeDrs } from './probe.js';
import { type CallRateLimit, LocalRateLimit } from './rate-limit.js';
import { header, parseResponse } from './response.js';
import { backoffMs, isRetryableError, isRetryableStatus, localCodeOf, retryAfterMs } from './retry.js';
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

/** One method per DRS API; every call goes through `send`: breaker → limits → attempts with retries. */
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
    // A call claims its first attempt from the operation's budget before it queues for anything: past
    // the budget it fails at once, unobserved, with one error per operation. Aliases can start
    // thousands of calls together, and each would otherwise wait for a slot, sign and log.
    const { usage } = credentials;
    if (usage?.limit !== undefined) {
      if (usage.attempts + (usage.reserved ?? 0) >= usage.limit) {
        usage.refusal ??= callBudgetError(usage.limit);
        throw usage.refusal;
      }
      usage.reserved = (usage.reserved ?? 0) + 1;
    }
    const reservation = { held: usage?.limit !== undefined };
    try {
      return await this.observed<T>(api, credentials, call, reservation);
    } finally {
      if (reservation.held && usage) usage.reserved = (usage.reserved ?? 1) - 1;
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
      const result = await this.attempts<T>(api, state, credentials, sendAs, call, source, reservation, backOff);
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

  private async attempts<T>(
    api: DrsApi,
    state: ApiState,
    credentials: DrsCredentials,
    sendAs: SendableAuth,
    call: Call,
    source: TokenSource | undefined,
    reservation: Reservation,
    backOff: (ms: number) => Promise<void>,
  ): Promise<T> {
    const url = new URL(`${this.options.endpoint}${call.path}`);
    // Every DRS API here is a read-only query, so GETs and POSTs alike are retried.
    const payload = call.method === 'POST' ? JSON.stringify(call.body) : '';
    const { resilience } = this.options;
    const { observer } = this;
    state.budget.deposit();
    let auth = sendAs;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      const headers = requestHeaders({ method: call.method, url, body: payload }, { ...credentials, auth }, new Date());
      const left = timeLeft(credentials);
      if (left <= 0) throw deadlineError();
      // Each attempt gets what is left of the operation's deadline, at most DRS_TIMEOUT_MS.
      const timeout = Math.max(1, Math.min(this.options.requestTimeoutMs, left));
      const { usage } = credentials;
      if (reservation.held && usage) {
        // The first attempt was claimed when the call started.
        reservation.held = false;
        usage.reserved = (usage.reserved ?? 1) - 1;
      } else if (usage?.limit !== undefined && usage.attempts + (usage.reserved ?? 0) >= usage.limit) {
        usage.refusal ??= callBudgetError(usage.limit);
        throw usage.refusal;
      }
      if (usage) usage.attempts++;
      const ended = observer?.attempt?.(
        {
          api,
          method: call.method,
          urlTemplate: call.template,
          serverAddress: url.hostname,
          serverPort: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
          resendCount: attempt,
          headers,
        },
        credentials,
      );
      let response: Exchange;
      try {
        response = await exchange(this.options.dispatcher, {
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: call.method,
          headers,
          body: call.method === 'POST' ? payload : null,
          headersTimeout: timeout,
          bodyTimeout: timeout,
          signal: credentials.signal,
        });
      } catch (cause) {
        ended?.({ status: 0, error: toDrsError(cause, credentials.signal) });
        if (credentials.signal?.aborted || !isRetryableError(cause)) throw cause;
        const delay = backoffMs(attempt, resilience.retryBaseDelayMs, resilience.retryMaxDelayMs);
        if (!this.mayRetry(api, state, attempt, delay, credentials)) throw cause;
        observer?.retry?.(api, 'network');
        await backOff(delay);
        continue;
      }
      if (isRetryableStatus(response.statusCode)) {
        const delay = this.retryDelay(response, attempt);
        if (this.mayRetry(api, state, attempt, delay, credentials)) {
          ended?.(outcomeOf(response));
          observer?.retry?.(api, 'status');
          await backOff(delay);
          continue;
        }
      }
      // APIG refused the gateway's IAM token (revoked early, or expired by IAM's clock): renew it once and resend.
      if (source && !renewed && auth.kind === 'token' && tokenRefused(response)) {
        const next = await source.renew(auth.token);
        if (next !== undefined) {
          renewed = true;
          auth = { kind: 'token', token: next };
          ended?.(outcomeOf(response));
          observer?.retry?.(api, 'status');
          continue;
        }
      }
      if (ended === undefined) return parseResponse<T>(response, call.list, call.object);
      try {
        // Each API names its list differently; a 2xx answer without it is malformed.
        const parsed = parseResponse<T>(response, call.list, call.object);
        ended({ status: response.statusCode, requestId: header(response, 'x-request-id') });
        return parsed;
      } catch (error) {
        const failure = error as DrsError;
        ended({ status: response.statusCode, drsCode: failure.code, requestId: failure.requestId, error: failure });
        throw error;
      }
    }
  }

  /** Retry-After when DRS sends it; for a bare 429 Huawei advises 2–5 s; otherwise jittered back-off. */
  private retryDelay(response: Exchange, attempt: number): number {
    const { resilience } = this.options;
    const advised = retryAfterMs(header(response, 'retry-after'));
    if (advised !== undefined) return advised;
    if (response.statusCode === 429) {
      const span = resilience.throttleBackoffMaxMs - resilience.throttleBackoffMinMs;
      return resilience.throttleBackoffMinMs + Math.round(Math.random() * span);
    }
    return backoffMs(attempt, resilience.retryBaseDelayMs, resilience.retryMaxDelayMs);
  }

  private mayRetry(
    api: DrsApi,
    state: ApiState,
    attempt: number,
    delayMs: number,
    credentials: DrsCredentials,
  ): boolean {
    if (attempt >= this.options.resilience.maxRetries) return false;
    if (credentials.deadline !== undefined && Date.now() + delayMs >= credentials.deadline) return false;
    if (state.budget.trySpend()) return true;
    this.observer?.retryRefused?.(api);
    return false;
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

function callBudgetError(limit: number): DrsError {
  return new DrsError({
    message: `This operation has made the ${limit} DRS calls it may (MAX_DRS_CALLS_PER_OPERATION); this one was not sent`,
    status: 0,
    code: LocalCode.callBudget,
  });
}

/** Whether a call still holds the first attempt it claimed from the operation's budget. */
interface Reservation {
  held: boolean;
}

function timeLeft(credentials: DrsCredentials): number {
  return credentials.deadline === undefined ? Number.POSITIVE_INFINITY : credentials.deadline - Date.now();
}

function deadlineError(): DrsError {
  return new DrsError({
    message: 'The operation deadline passed before DRS answered',
    status: 0,
    code: LocalCode.deadline,
  });
}

/** Anything thrown while calling becomes a `DrsError` with a code saying what happened. */
function toDrsError(error: unknown, signal: AbortSignal | undefined): DrsError {
  if (error instanceof DrsError) return error;
  if (signal?.aborted)
    return new DrsError({ message: 'The client went away', status: 0, code: LocalCode.aborted, cause: error });
  const code = localCodeOf(error);
  const what = code === LocalCode.timeout ? 'did not answer in time' : 'is unreachable';
  return new DrsError({ message: `DRS ${what}`, status: 0, code, cause: error });
}

/** APIG's 401 for a token it will not take (`token expires`, `decrypt token fail`: REFERENCE §9.4). */
function tokenRefused(response: Exchange): boolean {
  if (response.statusCode !== 401) return false;
  const code = outcomeOf(response).drsCode;
  return code === 'APIG.0301' || code === 'APIGW.0301';
}

/** A retried answer as an attempt's outcome: its status and, when its body says, DRS's code. */
function outcomeOf(response: Exchange): DrsAttemptOutcome {
  try {
    parseResponse(response);
  } catch (error) {
    const failure = error as DrsError;
    return { status: response.statusCode, drsCode: failure.code, requestId: failure.requestId, error: failure };
  }
  return { status: response.statusCode, requestId: header(response, 'x-request-id') };
}

/** Failures that say DRS is unhealthy (5xx, no answer), as opposed to a refusal of this request. */
function countsAgainstUpstream(error: DrsError): boolean {
  if (error.code === LocalCode.network || error.code === LocalCode.timeout) return true;
  return error.status >= 500;
}
