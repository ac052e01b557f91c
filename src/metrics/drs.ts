import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { DRS_APIS } from '../drs/apis.js';
import type { DrsClient } from '../drs/client.js';
import type { DrsAttemptOutcome, DrsObserver } from '../drs/observer.js';
import { CODE_TABLE } from '../error-codes.js';

/** The breaker gauge's values: a dashboard can threshold on `> 0`. */
const BREAKER_VALUE: Record<string, number> = { closed: 0, 'half-open': 1, open: 2 };
const REASONS = ['status', 'network'] as const;

/**
 * The DRS client's series in `registry`, fed by the observer returned. Labels are the API, the
 * status class and DRS's code only (never ids, projects or URLs); a code outside the documented
 * table counts as `other`, so a misbehaving upstream cannot grow the series without bound.
 */
export function drsMetrics(registry: Registry, drs: DrsClient): DrsObserver {
  const registers = [registry];
  const attempts = new Histogram({
    name: 'drs_client_request_duration_seconds',
    help: 'Duration of one HTTP attempt to DRS (each retry counts), by API, status class and DRS error code',
    labelNames: ['api', 'status_class', 'drs_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers,
  });
  const retries = new Counter({
    name: 'drs_client_retries_total',
    help: 'Retries of DRS calls, by API and reason (a retryable status, or a network failure)',
    labelNames: ['api', 'reason'],
    registers,
  });
  const refused = new Counter({
    name: 'drs_client_retry_budget_refusals_total',
    help: "Retries not made because the API's retry budget was spent",
    labelNames: ['api'],
    registers,
  });
  const queueWait = new Histogram({
    name: 'drs_client_queue_wait_seconds',
    help: "Time a DRS call waited for one of its API's concurrency slots",
    labelNames: ['api'],
    buckets: [0.001, 0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers,
  });
  const batch = new Histogram({
    name: 'drs_client_batch_job_ids',
    help: 'Job ids named by one DRS call (1 for the per-job v5 APIs)',
    labelNames: ['api'],
    buckets: [1, 2, 5, 10, 20, 50, 100],
    registers,
  });
  const transitions = new Counter({
    name: 'drs_client_breaker_transitions_total',
    help: 'Circuit breaker moves, by API and the state moved to',
    labelNames: ['api', 'to'],
    registers,
  });
  new Gauge({
    name: 'drs_client_breaker_state',
    help: 'Circuit breaker state per DRS API: 0 closed, 1 half-open, 2 open',
    labelNames: ['api'],
    registers,
    // Read at scrape time: every API appears from the start, and the state is never stale.
    collect() {
      for (const [api, state] of Object.entries(drs.breakerStates())) this.set({ api }, BREAKER_VALUE[state] ?? 2);
    },
  });
  // Counters start at 0 for every known label set, so rate() sees their first increase.
  for (const api of DRS_APIS) {
    refused.inc({ api }, 0);
    for (const reason of REASONS) retries.inc({ api, reason }, 0);
  }
  return {
    attempt(info) {
      const started = performance.now();
      return (outcome) =>
        attempts.observe(
          { api: info.api, status_class: statusClass(outcome.status), drs_code: codeLabel(outcome) },
          (performance.now() - started) / 1000,
        );
    },
    call: (outcome) => batch.observe({ api: outcome.api }, outcome.size),
    retry: (api, reason) => retries.inc({ api, reason }),
    retryRefused: (api) => refused.inc({ api }),
    queueWait: (api, ms) => queueWait.observe({ api }, ms / 1000),
    breaker: (api, _from, to) => transitions.inc({ api, to }),
  };
}

/** `2xx`, `4xx`, `5xx`…, or `none` when no answer arrived. */
export function statusClass(status: number): string {
  return status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'none';
}

/** DRS's code (or the local one when no answer came) when documented, `other` when not, '' for none. */
function codeLabel(outcome: DrsAttemptOutcome): string {
  const code = outcome.drsCode ?? outcome.error?.code;
  if (code === undefined || code === '') return '';
  return CODE_TABLE.has(code) ? code : 'other';
}
