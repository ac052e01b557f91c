import { Counter, type Registry } from 'prom-client';
import type { CacheLookupListener } from '../cache/row-cache.js';
import type { DrsApi } from '../drs/apis.js';

/** The APIs whose rows the row cache keeps. */
const APIS: readonly DrsApi[] = ['batch-detail', 'batch-progress', 'batch-struct-detail'];
const RESULTS = ['hit', 'miss', 'bypass'];

/** Row cache lookups per job id, by batch API and result (bypass: the shared state was down). */
export function cacheMetrics(registry: Registry): CacheLookupListener {
  const lookups = new Counter({
    name: 'drs_cache_requests_total',
    help: 'DRS rows looked up in the row cache, by batch API and result: hit, miss, or bypass (shared state down)',
    labelNames: ['api', 'result'],
    registers: [registry],
  });
  for (const api of APIS) for (const result of RESULTS) lookups.inc({ api, result }, 0);
  return (api, result, count) => {
    if (count > 0) lookups.inc({ api, result }, count);
  };
}
