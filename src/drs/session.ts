import { DRS_API, type DrsApi, type DrsApiOfShape, drsPath } from './apis.js';
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
type Params = Readonly<Record<string, string>>;

// per_page 0 asks for every requested job: the documented default page of 5 would drop the rest.
const ALL_PAGES = { cur_page: 1, per_page: 0 };

/** A POST of job ids to `api`, with `page_req` when its row pages them. */
function jobsCall(api: DrsApiOfShape<'jobs' | 'jobs-paged'>, params: Params, jobs: readonly string[]): Call {
  const row = DRS_API[api];
  const body = row.shape === 'jobs-paged' ? { jobs, page_req: ALL_PAGES } : { jobs };
  const path = drsPath(row.template, params);
  return { method: 'POST', path, template: row.template, size: jobs.length, body, list: row.list };
}

/** A POST of the caller's request object to `api`; it names no job ids. */
function requestCall(api: DrsApiOfShape<'request'>, params: Params, body: unknown): Call {
  const row = DRS_API[api];
  return { method: 'POST', path: drsPath(row.template, params), template: row.template, size: 0, body, list: row.list };
}

/** A GET of one page of `api`: its row's fixed query, then `offset`, `limit` and `extra`. */
function pageCall(api: DrsApiOfShape<'offset-limit'>, params: Params, page: V5PageReq, extra?: Params): Call {
  const row: { template: string; list: string; query?: Params; object?: true } = DRS_API[api];
  // Offset and limit are GraphQL Ints: their digits need no encoding.
  let query = `offset=${page.offset}&limit=${page.limit}`;
  if (row.query !== undefined) query = `${new URLSearchParams(row.query)}&${query}`;
  if (extra !== undefined) query += `&${new URLSearchParams(extra)}`;
  const path = drsPath(row.template, params, query);
  const call: Call = { method: 'GET', path, template: row.template, size: 1, list: row.list };
  if (row.object) call.object = true;
  return call;
}

/** The DRS query APIs, one method each; each call's method, path and body shape are its row's in DRS_API. */
export function bindSession(projectId: string, send: Send): DrsSession {
  const at = (more?: Params): Params => ({ project_id: projectId, ...more });
  const jobs = <T>(api: DrsApiOfShape<'jobs' | 'jobs-paged'>, ids: readonly string[], more?: Params) =>
    send<T>(api, jobsCall(api, at(more), ids));
  const page = <T>(api: DrsApiOfShape<'offset-limit'>, more: Params, req: V5PageReq, extra?: Params) =>
    send<T>(api, pageCall(api, at(more), req, extra));
  return {
    batchDetail: (jobIds) => jobs('batch-detail', jobIds),
    batchProgress: (jobIds) => jobs('batch-progress', jobIds),
    batchStructDetail: (type, jobIds) => jobs('batch-struct-detail', jobIds, { type }),
    progressData: (jobId, type, { searchName, ...req }) =>
      page(
        'progress-data',
        { job_id: jobId, type },
        req,
        searchName === undefined ? undefined : { search_name: searchName },
      ),
    asyncJobDetail: (asyncJobId, req) => page('async-job-detail', { async_job_id: asyncJobId }, req),
    jobList: (req) => send('job-list', requestCall('job-list', at(), req)),
    batchStatus: (jobIds) => jobs('batch-status', jobIds),
    jobLog: (jobId, req) => page('job-log', { job_id: jobId }, req),
  };
}
