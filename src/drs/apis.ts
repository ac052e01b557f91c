import type { BatchSizes } from '../config.js';

/**
 * How a call asks. `jobs` POSTs `{ jobs }`; `jobs-paged` POSTs `{ jobs, page_req }` (the gateway asks
 * `per_page: 0`, every job sent); `request` POSTs the caller's request object; `offset-limit` GETs one
 * page with `offset` and `limit` in the query.
 */
export type RequestShape = 'jobs' | 'jobs-paged' | 'request' | 'offset-limit';

/** One DRS API: everything the gateway's session, the simulator's router and its OpenAPI document share. */
export interface DrsApiRow {
  readonly method: 'GET' | 'POST';
  /** The path with its parameters named: trace and log attribute, simulator route, OpenAPI path key. */
  readonly template: string;
  readonly shape: RequestShape;
  /** Query parameters every call sends ahead of its page (ShowJobDetail's `type=log`). */
  readonly query?: Readonly<Record<string, string>>;
  /** The member every answer carries, even a 400 naming unknown jobs: a list, or an object when `object`. */
  readonly list: string;
  readonly object?: true;
  /** The `config.batchSizes` entry that chunks its job ids (the APIs that take many). */
  readonly batchSize?: keyof BatchSizes;
  /** Huawei's name for the operation (the OpenAPI summary). */
  readonly summary: string;
}

/**
 * The DRS APIs the gateway calls, keyed by the name metrics, logs, breakers and the simulator's call
 * log use, in the order the docs list them. Adding one: a row here, its wire types, a session method,
 * the simulator's handler and its OpenAPI operation (test/gateway/drs-api-table.test.ts checks they agree).
 */
export const DRS_API = {
  'batch-detail': {
    method: 'POST',
    template: '/v3/{project_id}/jobs/batch-detail',
    shape: 'jobs-paged',
    list: 'results',
    batchSize: 'detail',
    summary: 'Query task details in batches',
  },
  'batch-progress': {
    method: 'POST',
    template: '/v3/{project_id}/jobs/batch-progress',
    shape: 'jobs',
    list: 'results',
    batchSize: 'progress',
    summary: 'Query task progress in batches',
  },
  'batch-struct-detail': {
    method: 'POST',
    template: '/v3/{project_id}/jobs/{type}/batch-struct-detail',
    shape: 'jobs-paged',
    list: 'results',
    batchSize: 'structDetail',
    summary: 'Query DR initialization object details in batches',
  },
  'progress-data': {
    method: 'GET',
    template: '/v5/{project_id}/jobs/{job_id}/progress-data/{type}',
    shape: 'offset-limit',
    list: 'flow_compare_data',
    summary: 'Query the data-level streaming comparison list',
  },
  'async-job-detail': {
    method: 'GET',
    template: '/v5/{project_id}/batch-async-jobs/{async_job_id}',
    shape: 'offset-limit',
    list: 'jobs',
    summary: 'Query details about tasks created asynchronously in batches',
  },
  'job-list': {
    method: 'POST',
    template: '/v3/{project_id}/jobs',
    shape: 'request',
    list: 'jobs',
    summary: 'Query tasks of a tenant (one scenario per call: db_use_type is required)',
  },
  'batch-status': {
    method: 'POST',
    template: '/v3/{project_id}/jobs/batch-status',
    shape: 'jobs-paged',
    list: 'results',
    // It answers the questions batch-detail does, lighter: chunked as batch-detail is (DRS_BATCH_SIZE).
    batchSize: 'detail',
    summary: 'Query task statuses in batches',
  },
  'job-log': {
    method: 'GET',
    template: '/v5/{project_id}/jobs/{job_id}',
    shape: 'offset-limit',
    query: { type: 'log' },
    list: 'job',
    object: true,
    summary: 'Query task details (ShowJobDetail)',
  },
} as const satisfies Record<string, DrsApiRow>;

export type DrsApi = keyof typeof DRS_API;

/** Every DRS API name, in the table's order (metrics start a series for each). */
export const DRS_APIS = Object.keys(DRS_API) as readonly DrsApi[];

/** The APIs whose row has shape `S`: what the session's call builder of that shape accepts. */
export type DrsApiOfShape<S extends RequestShape> = {
  [K in DrsApi]: (typeof DRS_API)[K]['shape'] extends S ? K : never;
}[DrsApi];

/** The APIs that take many job ids, each chunked by its row's `batchSize`. */
export type BatchedDrsApi = {
  [K in DrsApi]: (typeof DRS_API)[K] extends { batchSize: keyof BatchSizes } ? K : never;
}[DrsApi];

/** Job ids per call of `api`: its row's entry of `config.batchSizes`. */
export function batchSizeOf(api: BatchedDrsApi, sizes: BatchSizes): number {
  return sizes[DRS_API[api].batchSize];
}

/**
 * IAM's token request: not a DRS API (another host, no project in its path, and none of the DRS
 * breakers, limits or metrics), so it has no row; the gateway's IAM client and the simulator share it.
 */
export const IAM_TOKEN = { name: 'iam-token', method: 'POST', path: '/v3/auth/tokens' } as const;

/** Templates split once at their parameters: literal text at even indexes, parameter names at odd ones. */
const SPLIT = new Map<string, readonly string[]>();

/** `template` with each `{name}` replaced by `params[name]`, URI-encoded; then `?query` when given. */
export function drsPath(template: string, params: Readonly<Record<string, string>>, query = ''): string {
  let parts = SPLIT.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    SPLIT.set(template, parts);
  }
  let path = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const value = params[parts[i]!];
    if (value === undefined) throw new TypeError(`${template} needs its {${parts[i]}}`);
    path += encodeURIComponent(value) + parts[i + 1];
  }
  return query === '' ? path : `${path}?${query}`;
}
