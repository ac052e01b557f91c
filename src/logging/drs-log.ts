import { LocalCode } from '../drs/errors.js';
import type { DrsObserver } from '../drs/observer.js';
import { CALLER_CODES } from '../error-codes.js';
import { codeOf } from '../errors.js';
import type { Logger } from './logger.js';

/**
 * Failures that say nothing new about DRS: the client went away, or the breaker refused the call
 * (its opening was logged once at warn; a line per refused call would flood the log while it is open).
 */
const QUIET_LOCAL_CODES = new Set<string>([LocalCode.aborted, LocalCode.circuitOpen]);

/**
 * The DRS client's log lines: one per failed logical call (after its retries, however many jobs it
 * carried), at warn for DRS faults and debug for the caller's mistakes, and one per breaker move.
 */
export function drsLogObserver(logger: Logger): DrsObserver {
  return {
    call({ api, durationMs, size, error }, { requestId }) {
      if (error === undefined) return;
      const code = codeOf(error);
      const quiet = CALLER_CODES.has(code) || (error.code !== undefined && QUIET_LOCAL_CODES.has(error.code));
      const level = quiet ? 'debug' : 'warn';
      if (!logger.isLevelEnabled(level)) return;
      logger[level](
        {
          api,
          status: error.status,
          code,
          drsCode: error.code,
          drsRequestId: error.requestId,
          requestId,
          jobs: size,
          durationMs: Math.round(durationMs * 10) / 10,
          reason: error.message,
        },
        'DRS call failed',
      );
    },
    breaker(api, from, to) {
      logger.warn({ api, from, to }, `DRS circuit breaker of ${api}: ${from} → ${to}`);
    },
  };
}
