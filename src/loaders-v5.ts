import DataLoader from 'dataloader';
import type { DrsSession } from './drs/client.js';
import type {
  ListAsyncJobDetailResponse,
  ProgressDataType,
  ShowProgressDataResponse,
  V5PageReq,
} from './drs/types-v5.js';

export interface ProgressPageKey extends V5PageReq {
  jobId: string;
  type: ProgressDataType;
  searchName?: string | undefined;
}

export interface AsyncJobPageKey extends V5PageReq {
  asyncJobId: string;
}

/** Keyed page loaders of the v5 list APIs: one GET per distinct page, however many fields ask for it. */
export interface V5Loaders {
  progressPage: DataLoader<ProgressPageKey, ShowProgressDataResponse, string>;
  asyncJobPage: DataLoader<AsyncJobPageKey, ListAsyncJobDetailResponse, string>;
}

/**
 * The v5 APIs take one job (or batch) per call, so there is nothing to batch: the loaders only
 * deduplicate. All distinct pages start together; the client's per-API semaphore caps concurrency.
 */
export function createV5Loaders(drs: DrsSession): V5Loaders {
  return {
    progressPage: new DataLoader(
      (keys) =>
        settle(keys, ({ jobId, type, offset, limit, searchName }) =>
          drs.progressData(jobId, type, { offset, limit, searchName }),
        ),
      { cacheKeyFn: (k) => JSON.stringify([k.jobId, k.type, k.offset, k.limit, k.searchName ?? null]) },
    ),
    asyncJobPage: new DataLoader(
      (keys) => settle(keys, ({ asyncJobId, offset, limit }) => drs.asyncJobDetail(asyncJobId, { offset, limit })),
      { cacheKeyFn: (k) => JSON.stringify([k.asyncJobId, k.offset, k.limit]) },
    ),
  };
}

/** One value or one Error per key, in key order (a failed page never fails its neighbours). */
async function settle<K, V>(keys: readonly K[], call: (key: K) => Promise<V>): Promise<(V | Error)[]> {
  const results = await Promise.allSettled(keys.map(call));
  return results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error)));
}
