import type { Dispatcher } from 'undici';
import type { Resilience } from '../config.js';
import type { DrsApi } from './apis.js';
import { claimAttempt, type Reservation } from './call-budget.js';
import { type DrsCredentials, requestHeaders, type SendableAuth } from './credentials.js';
import { deadlineError, timeLeft } from './deadline.js';
import type { DrsError } from './errors.js';
import { type Exchange, exchange } from './exchange.js';
import type { TokenSource } from './iam-token.js';
import type { RetryBudget } from './limits.js';
import type { DrsAttemptOutcome, DrsObserver } from './observer.js';
import { header, parseResponse } from './response.js';
import { backoffMs, isRetryableError, isRetryableStatus, retryAfterMs, toDrsError } from './retry.js';
import type { Call } from './session.js';

/** What the attempts of every call share: where DRS is, the pool, the per-attempt timeout, the policy. */
export interface AttemptSettings {
  endpoint: string;
  dispatcher: Dispatcher;
  requestTimeoutMs: number;
  resilience: Resilience;
}

/** One admitted call: what to send, as whom, and how to wait between attempts. */
export interface AttemptRun {
  api: DrsApi;
  call: Call;
  credentials: DrsCredentials;
  sendAs: SendableAuth;
  /** The gateway's IAM token source, renewed once when APIG refuses its token; none for a caller's own. */
  source: TokenSource | undefined;
  reservation: Reservation;
  /** The API's retry budget (retries as a share of calls). */
  budget: RetryBudget;
  /** Waits before a retry (the client frees the call's slot meanwhile). */
  backOff: (ms: number) => Promise<void>;
}

/** Sends a call's attempts until one answers for good: retries, back-off, deadline, signing, IAM renewal. */
export async function runAttempts<T>(
  settings: AttemptSettings,
  observer: DrsObserver | undefined,
  run: AttemptRun,
): Promise<T> {
  const { api, call, credentials, source, reservation, budget, backOff } = run;
  const url = new URL(`${settings.endpoint}${call.path}`);
  // Every DRS API here is a read-only query, so GETs and POSTs alike are retried.
  const payload = call.method === 'POST' ? JSON.stringify(call.body) : '';
  const { resilience } = settings;
  budget.deposit();
  let auth = run.sendAs;
  let renewed = false;
  for (let attempt = 0; ; attempt++) {
    const headers = requestHeaders({ method: call.method, url, body: payload }, { ...credentials, auth }, new Date());
    const left = timeLeft(credentials);
    if (left <= 0) throw deadlineError();
    // Each attempt gets what is left of the operation's deadline, at most DRS_TIMEOUT_MS.
    const timeout = Math.max(1, Math.min(settings.requestTimeoutMs, left));
    claimAttempt(credentials.usage, reservation);
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
      response = await exchange(settings.dispatcher, {
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
      if (!mayRetry(resilience, observer, run, attempt, delay)) throw cause;
      observer?.retry?.(api, 'network');
      await backOff(delay);
      continue;
    }
    if (isRetryableStatus(response.statusCode)) {
      const delay = retryDelay(resilience, response, attempt);
      if (mayRetry(resilience, observer, run, attempt, delay)) {
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
function retryDelay(resilience: Resilience, response: Exchange, attempt: number): number {
  const advised = retryAfterMs(header(response, 'retry-after'));
  if (advised !== undefined) return advised;
  if (response.statusCode === 429) {
    const span = resilience.throttleBackoffMaxMs - resilience.throttleBackoffMinMs;
    return resilience.throttleBackoffMinMs + Math.round(Math.random() * span);
  }
  return backoffMs(attempt, resilience.retryBaseDelayMs, resilience.retryMaxDelayMs);
}

/** A retry within DRS_MAX_RETRIES, the operation's deadline and the API's retry budget. */
function mayRetry(
  resilience: Resilience,
  observer: DrsObserver | undefined,
  run: AttemptRun,
  attempt: number,
  delayMs: number,
): boolean {
  if (attempt >= resilience.maxRetries) return false;
  const { deadline } = run.credentials;
  if (deadline !== undefined && Date.now() + delayMs >= deadline) return false;
  if (run.budget.trySpend()) return true;
  observer?.retryRefused?.(run.api);
  return false;
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
