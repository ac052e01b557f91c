import { DB_USE_TYPES, LIST_ENGINE_TYPES, LIST_MAX_PER_PAGE } from '../v3/job-list.js';
import { arr, bool, enumOf, int, obj, ref, type Schema, str, text } from './kit.js';
import { STATUS_ENUM } from './schemas-v3.js';

/** Wire models of the discovery APIs (OTC `querying_tasks_of_a_tenant`, `…task_statuses…`; SDK v5 TaskLogInfo). */

const queryJobsReq = obj(
  {
    cur_page: { type: 'integer', minimum: 0, default: 1, description: '0 = every item' },
    per_page: { type: 'integer', minimum: 0, maximum: LIST_MAX_PER_PAGE, default: 10 },
    db_use_type: enumOf(DB_USE_TYPES, 'Required: one scenario per call'),
    engine_type: enumOf(['', ...LIST_ENGINE_TYPES], 'Absent = mysql (OTC default); "" = every engine'),
    net_type: enumOf(['', 'vpn', 'vpc', 'eip']),
    status: { type: 'string', description: 'One status; "" = any' },
    name: text('Part of a name, or a job ID (several comma-separated IDs, at most 100)'),
    enterprise_project_id: { type: 'string', minLength: 1, description: 'Absent = every enterprise project' },
  },
  ['db_use_type'],
);

const jobInfo = obj(
  {
    id: str,
    name: str,
    status: STATUS_ENUM,
    description: str,
    create_time: text('"YYYY-MM-DD HH:mm:ss", as the published example'),
    engine_type: str,
    net_type: str,
    billing_tag: bool,
    job_direction: str,
    db_use_type: str,
    task_type: str,
    children: arr(obj({ id: str, name: str, status: str })),
    node_newFramework: bool,
  },
  ['id'],
);

const statusResp = obj({ id: str, status: STATUS_ENUM, error_code: str, error_message: str }, ['id']);
const taskLog = obj({ level: str, message: str, create_time: text('ISO time, e.g. 2022-11-07T16:15:18Z') });

export const DISCOVERY_SCHEMAS: Record<string, Schema> = {
  QueryJobsReq: queryJobsReq,
  JobInfo: jobInfo,
  QueryJobsResponse: obj({ total_record: int, jobs: arr(ref('JobInfo')) }, ['total_record', 'jobs']),
  QueryJobStatusResp: statusResp,
  BatchListJobStatusResponse: obj({ count: int, results: arr(ref('QueryJobStatusResp')) }, ['count', 'results']),
  TaskLogInfo: taskLog,
  ShowJobLogResponse: obj(
    {
      job: obj({ id: str, status: STATUS_ENUM, total_count: int, logs: arr(ref('TaskLogInfo')) }, [
        'total_count',
        'logs',
      ]),
    },
    ['job'],
  ),
};
