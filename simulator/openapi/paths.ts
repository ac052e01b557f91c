import { PROGRESS_DATA_TYPES } from '../v5/wire.js';
import { enumOf, json, ref, type Schema } from './kit.js';
import { STRUCT_TYPE_ENUM } from './schemas-v3.js';

/** The parameters and answers every operation shares, and the five seed operations. */

export const path = (name: string, description: string, schema: Schema = { type: 'string' }) => ({
  name,
  in: 'path',
  required: true,
  description,
  schema,
});

export const projectId = path('project_id', 'Project ID of the tenant (32 hex characters)', {
  type: 'string',
  pattern: '^[0-9a-f]{32}$',
});
export const language = {
  name: 'X-Language',
  in: 'header',
  required: false,
  schema: enumOf(['en-us', 'zh-cn']),
};
export const offset = {
  name: 'offset',
  in: 'query',
  required: false,
  description: 'Rows to skip (≥ 0, default 0); not an integer → DRS.M00202, negative → DRS.M00210',
  schema: { type: 'integer', minimum: 0, default: 0 },
};
export const limit = {
  name: 'limit',
  in: 'query',
  required: false,
  description: 'Rows per page (1–1000, default 10); not an integer → DRS.M00202, out of range → DRS.M00210',
  schema: { type: 'integer', minimum: 1, maximum: 1000, default: 10 },
};

export const drsError = (what: string) => json(ref('DrsError'), what);
const apigError = (what: string) => json(ref('ApigError'), what);

/** Answers every route can give besides its success and its 400. */
export const common = {
  '401': apigError('APIG.0301: missing/unknown token, bad or expired AK/SK signature, locked AK'),
  '403': drsError('DRS.M00261: the credential does not serve this project'),
  '404': apigError('APIGW.0101: no such API'),
  '429': apigError('APIG.0308: throttled (rate limit per credential); Retry-After is not guaranteed'),
  '500': drsError('DRS.M00004: service abnormal'),
  '502': apigError('APIG.0202: backend unavailable'),
  '503': apigError('APIG.0202: backend unavailable'),
  '504': apigError('APIG.0203: backend timeout'),
};

/** A v3 batch operation (its summary comes from the API table). */
export const batchOp = (body: string, ok: Record<string, string>, result: string, params: object[]) => ({
  parameters: [projectId, ...params, language],
  requestBody: { required: true, content: { 'application/json': { schema: ref(body) } } },
  responses: {
    ...Object.fromEntries(Object.entries(ok).map(([status, what]) => [status, json(ref(result), what)])),
    '400': json(
      { oneOf: [ref('DrsError'), ref(result)] },
      'DRS.M00201/M00202/M00210/M00211/M00301, or the results body when every job of the page is unknown (per-item DRS.M00289/M05004)',
    ),
    '413': apigError('APIGW.0201: request entity too large'),
    ...common,
  },
});

/** The five seed operations by API name; document.ts files each under its row's path and method. */
export const SEED_OPERATIONS = {
  'batch-detail': batchOp(
    'BatchQueryJobReqPage',
    { '200': 'Details, paged over the IDs sent (per_page default 5, 0 = all)' },
    'BatchListJobDetailsResponse',
    [],
  ),
  'batch-progress': batchOp(
    'BatchQueryProgressReq',
    { '202': 'Progress (the v3 page says 202)', '200': 'Progress (current Huawei pages say 200)' },
    'BatchListProgressesResponse',
    [],
  ),
  'batch-struct-detail': batchOp(
    'BatchQueryJobReqPage',
    { '200': 'Objects per job' },
    'BatchListStructDetailResponse',
    [path('type', 'Object type', STRUCT_TYPE_ENUM)],
  ),
  'progress-data': {
    parameters: [
      projectId,
      path('job_id', 'Task ID'),
      path('type', 'Migration object type', enumOf(PROGRESS_DATA_TYPES)),
      offset,
      limit,
      language,
    ],
    responses: {
      '200': json(ref('ShowProgressDataResponse'), 'One page of compared objects; count is the total'),
      '400': drsError('DRS.M05003 unknown task, DRS.M05004 released, DRS.M00202/M00210 bad type or paging'),
      ...common,
    },
  },
  'async-job-detail': {
    parameters: [projectId, path('async_job_id', 'ID of the async batch'), offset, limit, language],
    responses: {
      '200': json(ref('ListAsyncJobDetailResponse'), 'Jobs of the batch, newest first; total_count is the total'),
      '400': drsError('DRS.10000001 "Failed." for an unknown batch; DRS.M00202/M00210 bad paging'),
      ...common,
    },
  },
};
