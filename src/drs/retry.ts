import { DrsError, LocalCode } from './errors.js';

/** HTTP statuses worth a retry of a read-only call: throttling and gateway/availability failures. */
const RETRYABLE_STATUS = new Set([429, 502, 503, 504]);

/** undici/socket error codes that mean "the request may not have been served": safe to retry a read. */
const RETRYABLE_ERRORS = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

const TIMEOUT_ERRORS = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUS.has(status);
}

export function isRetryableError(cause: unknown): boolean {
  return RETRYABLE_ERRORS.has(errorCode(cause));
}

/** The local code of a failure that produced no answer. */
export function localCodeOf(cause: unknown): string {
  const code = errorCode(cause);
  if (code === 'UND_ERR_INVALID_ARG') return LocalCode.badRequest;
  return TIMEOUT_ERRORS.has(code) ? LocalCode.timeout : LocalCode.network;
}

export function errorCode(cause: unknown): string {
  if (typeof cause !== 'object' || cause === null) return '';
  const code = (cause as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return errorCode((cause as { cause?: unknown }).cause);
}

/** Exponential back-off with full jitter: uniform in [0, min(max, base × 2^attempt)]. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random = Math.random): number {
  return Math.round(random() * Math.min(maxMs, baseMs * 2 ** attempt));
}

/** `Retry-After` as delta-seconds or HTTP-date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | string[] | undefined, now = Date.now()): number | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Anything thrown while calling becomes a `DrsError` with a code saying what happened. */
export function toDrsError(error: unknown, signal: AbortSignal | undefined): DrsError {
  if (error instanceof DrsError) return error;
  if (signal?.aborted)
    return new DrsError({ message: 'The client went away', status: 0, code: LocalCode.aborted, cause: error });
  const code = localCodeOf(error);
  const what = code === LocalCode.timeout ? 'did not answer in time' : 'is unreachable';
  return new DrsError({ message: `DRS ${what}`, status: 0, code, cause: error });
}
