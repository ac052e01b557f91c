import type { DrsApi } from './apis.js';
import type { DrsCredentials } from './credentials.js';
import type { DrsError } from './errors.js';

/** One HTTP attempt about to be sent to DRS (the first, or a retry). */
export interface DrsAttemptInfo {
  api: DrsApi;
  method: 'GET' | 'POST';
  /** The path with its parameters named, e.g. `/v3/{project_id}/jobs/batch-detail` (never ids). */
  urlTemplate: string;
  serverAddress: string;
  serverPort: number;
  /** 0 for the first attempt, then 1, 2, … (`http.request.resend_count`). */
  resendCount: number;
  /** The headers about to be sent; an observer may add its own (e.g. `traceparent`). */
  headers: Record<string, string>;
}

/** How one attempt ended: an HTTP status (with DRS's code when it sent one) or no answer. */
export interface DrsAttemptOutcome {
  /** 0 when no answer arrived. */
  status: number;
  drsCode?: string | undefined;
  requestId?: string | undefined;
  error?: DrsError | undefined;
}

/** How one logical call (all its attempts) ended. */
export interface DrsCallOutcome {
  api: DrsApi;
  durationMs: number;
  /** Job ids the call named (1 for the per-job v5 APIs). */
  size: number;
  error?: DrsError | undefined;
}

/**
 * What the DRS client reports while it works, for metrics, traces and logs. Every method is
 * optional and must not throw; `credentials` is the caller's (request id, usage tally), never logged
 * whole since it holds the token.
 */
export interface DrsObserver {
  /** Before an attempt is sent; the returned function, if any, hears how it ended. */
  attempt?(info: DrsAttemptInfo, credentials: DrsCredentials): ((outcome: DrsAttemptOutcome) => void) | undefined;
  /** A logical call finished (success or failure), after its retries. */
  call?(outcome: DrsCallOutcome, credentials: DrsCredentials): void;
  /** A retry is about to be waited for. */
  retry?(api: DrsApi, reason: 'status' | 'network'): void;
  /** A retry was wanted but the API's retry budget had none left. */
  retryRefused?(api: DrsApi): void;
  /** Time a call waited for one of its API's concurrency slots. */
  queueWait?(api: DrsApi, waitMs: number): void;
  breaker?(api: DrsApi, from: string, to: string): void;
}

/** One observer that tells each of `observers` in turn; a throwing observer never breaks a call. */
export function combineObservers(observers: readonly DrsObserver[]): DrsObserver {
  const tell = (hear: (observer: DrsObserver) => void) => {
    for (const observer of observers) {
      try {
        hear(observer);
      } catch {
        // An observer's bug must not fail the DRS call it watches.
      }
    }
  };
  return {
    attempt(info, credentials) {
      const ends: ((outcome: DrsAttemptOutcome) => void)[] = [];
      tell((observer) => {
        const end = observer.attempt?.(info, credentials);
        if (end) ends.push(end);
      });
      if (ends.length === 0) return undefined;
      return (outcome) => {
        for (const end of ends) {
          try {
            end(outcome);
          } catch {
            // As above.
          }
        }
      };
    },
    call: (outcome, credentials) => tell((observer) => observer.call?.(outcome, credentials)),
    retry: (api, reason) => tell((observer) => observer.retry?.(api, reason)),
    retryRefused: (api) => tell((observer) => observer.retryRefused?.(api)),
    queueWait: (api, ms) => tell((observer) => observer.queueWait?.(api, ms)),
    breaker: (api, from, to) => tell((observer) => observer.breaker?.(api, from, to)),
  };
}
