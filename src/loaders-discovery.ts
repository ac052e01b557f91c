import DataLoader from 'dataloader';
import type { BatchSizes } from './config.js';
import { batchSizeOf } from './drs/apis.js';
import type { DrsSession } from './drs/client.js';
import type { QueryJobStatusResp, QueryJobsReq, QueryJobsResponse, ShowJobLogResponse } from './drs/types-discovery.js';
import type { V5PageReq } from './drs/types-v5.js';
import { fetchById } from './loaders.js';

export interface JobLogPageKey extends V5PageReq {
  jobId: string;
}

/** Loaders of the discovery APIs: batch-status (batched like batch-detail) and the job log's pages. */
export interface DiscoveryLoaders {
  /** `{id, status}` per job: what a selection of only `id`/`status` needs, lighter than batch-detail. */
  jobStatus: DataLoader<string, QueryJobStatusResp & { id: string }>;
  jobLogPage: DataLoader<JobLogPageKey, ShowJobLogResponse, string>;
  /** Pages of the tenant job list, one call per distinct request body (aliases share them). */
  jobListPage: DataLoader<QueryJobsReq, QueryJobsResponse, string>;
}

export function createDiscoveryLoaders(drs: DrsSession, batchSizes: BatchSizes): DiscoveryLoaders {
  return {
    jobStatus: new DataLoader(
      (ids) =>
        fetchById(
          ids,
          batchSizeOf('batch-status', batchSizes),
          (chunk) => drs.batchStatus(chunk),
          (row: QueryJobStatusResp) => row.id,
          (row) => row,
        ) as Promise<((QueryJobStatusResp & { id: string }) | Error)[]>,
    ),
    // One GET per distinct page (nothing to batch: the log API takes one job).
    jobLogPage: new DataLoader(
      async (keys) => {
        const settled = await Promise.allSettled(keys.map((k) => drs.jobLog(k.jobId, k)));
        return settled.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error)));
      },
      { cacheKeyFn: (k) => JSON.stringify([k.jobId, k.offset, k.limit]) },
    ),
    jobListPage: new DataLoader(
      async (keys) => {
        const settled = await Promise.allSettled(keys.map((k) => drs.jobList(k)));
        return settled.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error)));
      },
      { cacheKeyFn: (k) => JSON.stringify(k) },
    ),
  };
}
