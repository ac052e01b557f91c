import { bool, type Env, int, oneOf } from '../config-env.js';

/** The DRS row cache and call collapsing (src/cache/); kept in the shared state (memory or Redis). */
export interface CacheConfig {
  /** DRS_CACHE: rows of the batch APIs are kept per tenant for the TTLs below (off: every row is asked). */
  readonly enabled: boolean;
  /** How long a row stands, per kind; 0 keeps none of that kind. */
  readonly ttlMs: { readonly progress: number; readonly detail: number; readonly structDetail: number };
  /** DRS_COLLAPSE: identical DRS calls overlapping in time go upstream once (and across replicas with Redis). */
  readonly collapse: boolean;
  /** How long one replica holds the cluster-wide claim on a call, and so the longest others wait for its answer. */
  readonly collapseLockMs: number;
}

/** Reads DRS_CACHE, DRS_CACHE_TTL_{PROGRESS,DETAIL,STRUCT}_MS, DRS_COLLAPSE and DRS_COLLAPSE_LOCK_MS. */
export function cacheConfig(env: Env): CacheConfig {
  return Object.freeze({
    enabled: oneOf(env, 'DRS_CACHE', ['on', 'off'] as const, 'on') === 'on',
    ttlMs: Object.freeze({
      // Progress moves every few seconds while a job runs: kept about one dashboard refresh.
      progress: int(env, 'DRS_CACHE_TTL_PROGRESS_MS', 3_000, 0, 600_000),
      // A job's detail (status, endpoints, settings) changes rarely; a status change shows within this.
      detail: int(env, 'DRS_CACHE_TTL_DETAIL_MS', 30_000, 0, 3_600_000),
      structDetail: int(env, 'DRS_CACHE_TTL_STRUCT_MS', 60_000, 0, 3_600_000),
    }),
    collapse: bool(env, 'DRS_COLLAPSE', true),
    collapseLockMs: int(env, 'DRS_COLLAPSE_LOCK_MS', 2_000, 50, 60_000),
  });
}
