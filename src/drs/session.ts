import type {
  BatchListJobDetailsResponse,
  BatchListProgressesResponse,
  BatchListStructDetailResponse,
  StructDetailType,
} from './types.js';
import type {
  BatchListJobStatusResponse,
  QueryJobsReq,
  QueryJobsResponse,
  ShowJobLogResponse,
} from './types-discovery.js';
import type { ListAsyncJobDetailResponse, ProgressDataType, ShowProgressDataResponse, V5PageReq } from './types-v5.js';

/** The DRS APIs the gateway calls, by the names its metrics, logs and breakers use. */
export const DRS_APIS = [
  'batch-detail',
  'batch-progress',
  'batch-struct-detail',
  'progress-data',
  'async-job-detail',
  'job-list',
  'batch-status',
  'job-log',
] as const;
export type DrsApi = (typeof DRS_APIS)[number];

/** One page of progress-data; `searchName` is the SDK-only `search_name` filter. */
export interface ProgressDataReq extends V5PageReq {
  searchName?: string | undefined;
}

/**
 * A DRS call: the v3 batch APIs POST a JSON body, the v5 lists GET with query parameters. `template`
 * is the path with its parameters named (for traces and logs: never ids); `size` the job ids it names;
 * `list` the member every answer carries (`results` unless said), an object rather than a list when `object`.
 */
export type Call = { template: string; size: number; object?: boolean } & (
  | { method: 'POST'; path: string; body: unknown; list?: string }
  | { method: 'GET'; path: string; list: string }
);

/** The DRS query APIs, bound to one caller's credentials. */
export interface DrsSession {
  batchDetail(jobIds: readonly string[]): Promise<BatchListJobDetailsResponse>;
  batchProgress(jobIds: readonly string[]): Promise<BatchListProgressesResponse>;
  batchStructDetail(type: StructDetailType, jobIds: readonly string[]): Promise<BatchListStructDetailResponse>;
  progressData(jobId: string, type: ProgressDataType, page: ProgressDataReq): Promise<ShowProgressDataResponse>;
  asyncJobDetail(asyncJobId: string, page: V5PageReq): Promise<ListAsyncJobDetailResponse>;
  /** One page of one scenario's jobs (the tenant job list). */
  jobList(req: QueryJobsReq): Promise<QueryJobsResponse>;
  batchStatus(jobIds: readonly string[]): Promise<BatchListJobStatusResponse>;
  /** One page of a job's task log (ShowJobDetail `type=log`). */
  jobLog(jobId: string, page: V5PageReq): Promise<ShowJobLogResponse>;
}

/** How a session hands one call to the client's transport (breaker, limits, retries, signing). */
type Send = <T>(api: DrsApi, call: Call) => Promise<T>;

/** The DRS query APIs, one method each, as paths and bodies; the transport is the client's. */
export function bindSession(projectId: string, send: Send): DrsSession {
  const project = encodeURIComponent(projectId);
  // per_page 0 asks for every requested job: the documented default page of 5 would drop the rest.
  const allPages = { cur_page: 1, per_page: 0 };
  return {
    batchDetail: (jobIds) =>
      send('batch-detail', {
        method: 'POST',
        path: `/v3/${project}/jobs/batch-detail`,
        template: '/v3/{project_id}/jobs/batch-detail',
        size: jobIds.length,
        body: { jobs: jobIds, page_req: allPages },
      }),
    batchProgress: (jobIds) =>
      send('batch-progress', {
        method: 'POST',
        path: `/v3/${project}/jobs/batch-progress`,
        template: '/v3/{project_id}/jobs/batch-progress',
        size: jobIds.length,
        body: { jobs: jobIds },
      }),
    batchStructDetail: (type, jobIds) =>
      send('batch-struct-detail', {
        method: 'POST',
        path: `/v3/${project}/jobs/${type}/batch-struct-detail`,
        template: '/v3/{project_id}/jobs/{type}/batch-struct-detail',
        size: jobIds.length,
        body: { jobs: jobIds, page_req: allPages },
      }),
    progressData: (jobId, type, { offset, limit, searchName }) => {
      const query = new URLSearchParams({ offset: String(offset), limit: String(limit) });
      if (searchName !== undefined) query.set('search_name', searchName);
      const path = `/v5/${project}/jobs/${encodeURIComponent(jobId)}/progress-data/${type}?${query}`;
      const template = '/v5/{project_id}/jobs/{job_id}/progress-data/{type}';
      return send('progress-data', { method: 'GET', path, template, size: 1, list: 'flow_compare_data' });
    },
    asyncJobDetail: (asyncJobId, { offset, limit }) =>
      send('async-job-detail', {
        method: 'GET',
        path: `/v5/${project}/batch-async-jobs/${encodeURIComponent(asyncJobId)}?offset=${offset}&limit=${limit}`,
        template: '/v5/{project_id}/batch-async-jobs/{async_job_id}',
        size: 1,
        list: 'jobs',
      }),
    jobList: (req) =>
      send('job-list', {
        method: 'POST',
        path: `/v3/${project}/jobs`,
        template: '/v3/{project_id}/jobs',
        size: 0,
        body: req,
        list: 'jobs',
      }),
    batchStatus: (jobIds) =>
      send('batch-status', {
        method: 'POST',
        path: `/v3/${project}/jobs/batch-status`,
        template: '/v3/{project_id}/jobs/batch-status',
        size: jobIds.length,
        body: { jobs: jobIds, page_req: allPages },
      }),
    jobLog: (jobId, { offset, limit }) =>
      send('job-log', {
        method: 'GET',
        path: `/v5/${project}/jobs/${encodeURIComponent(jobId)}?type=log&offset=${offset}&limit=${limit}`,
        template: '/v5/{project_id}/jobs/{job_id}',
        size: 1,
        list: 'job',
        object: true,
      }),
  };
}
