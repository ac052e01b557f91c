import { STATUS_WEIGHTS } from '../data/status.js';
import { STRUCT_TYPES } from '../data/struct.js';
import { arr, bool, enumOf, int, intOrString, long, obj, ref, type Schema, str, text } from './kit.js';
import { ENDPOINT_SCHEMAS } from './schemas-endpoint.js';

/**
 * v3 wire models (REFERENCE §3–§5). Types the sources disagree on accept both spellings
 * (`db_port`, `node_num`, `ssl_link`, tag shapes), as DRS has been seen to send either.
 */

const JOB_STATUSES = Object.keys(STATUS_WEIGHTS);
const epochMs = (what: string) => text(`${what}, epoch ms as a string ("0" when it has not happened)`);
const JOB_ID = '^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$';

const queryJob = obj(
  {
    id: text('Job ID'),
    parent_id: str,
    name: str,
    status: enumOf(JOB_STATUSES),
    description: str,
    create_time: epochMs('Creation time'),
    task_type: enumOf(['FULL_TRANS', 'INCR_TRANS', 'FULL_INCR_TRANS']),
    source_endpoint: ref('Endpoint'),
    dmq_endpoint: ref('Endpoint'),
    source_sharding: arr(ref('Endpoint')),
    target_endpoint: ref('Endpoint'),
    net_type: str,
    failed_reason: str,
    inst_info: obj({
      engine_type: str,
      inst_type: str,
      ip: str,
      public_ip: str,
      start_time: intOrString,
      status: str,
      volume_size: int,
    }),
    actual_start_time: epochMs('Start time'),
    full_transfer_complete_time: epochMs('Full transfer completion time'),
    update_time: epochMs('Last update'),
    job_direction: str,
    db_use_type: str,
    need_restart: bool,
    is_target_readonly: bool,
    conflict_policy: str,
    filter_ddl_policy: str,
    speed_limit: arr(obj({ begin: str, end: str, speed: str, is_utc: bool })),
    schema_type: str,
    node_num: intOrString,
    object_switch: bool,
    master_job_id: str,
    struct_trans: bool,
    index_trans: bool,
    replace_definer: bool,
    migrate_user: bool,
    sync_database: bool,
    error_code: text('Per-job error code (DRS.M00289 unknown, DRS.M05004 released)'),
    error_message: str,
    az_code: str,
    vpc_id: str,
    subnet_id: str,
    security_group_id: str,
    multi_write: bool,
    support_ip_v6: bool,
    gtid: str,
    alarm_notify: obj({
      subscriptions: arr(obj({ endpoints: arr(str), protocol: str })),
      topic_name: str,
      delay_time: long,
      rto_delay: long,
      rpo_delay: long,
      alarm_to_user: bool,
    }),
    incre_start_position: str,
    is_multi_az: bool,
    period_order: obj({ status: str, order_id: str, charging_mode: int, period_type: int, period_num: int }),
    object_infos: arr(obj({ id: str, parent_id: str, type: str, name: str, alias_name: str, select: str })),
    original_job_direction: str,
    // Both `{key, value}` and one key → value map per item have been sent.
    tags: arr({ type: 'object', additionalProperties: str }),
    is_open_fast_clean: bool,
    job_kernel_direction: str,
  },
  ['id'],
);

const progressInfo = obj({ completed: text('e.g. "94%"'), remaining_time: { type: ['string', 'null'] } });

const queryProgress = obj(
  {
    job_id: str,
    progress: text('Percent without "%"'),
    incre_trans_delay: text('Seconds; "-1" before the incremental phase'),
    incre_trans_delay_millis: str,
    task_mode: str,
    transfer_status: str,
    process_time: str,
    remaining_time: str,
    progress_map: { type: 'object', additionalProperties: ref('ProgressInfo') },
    error_code: str,
    error_msg: text('Per-job message (error_msg here, error_message elsewhere)'),
  },
  ['job_id'],
);

const structVo = obj({ progress: int, src_DB: str, src_TB: str, dst_DB: str, dst_TB: str });
const queryStruct = obj(
  {
    job_id: str,
    error_code: str,
    error_message: str,
    struct_detail: obj({ total_record: long, create_time: str, list: arr(structVo) }),
  },
  ['job_id'],
);

const results = (item: string) => obj({ count: int, results: arr(ref(item)) }, ['count', 'results']);
const pageReq = obj({
  cur_page: { type: 'integer', minimum: 1 },
  per_page: { type: 'integer', minimum: 0, maximum: 100 },
});
const jobs = { type: 'array', minItems: 1, items: { type: 'string', pattern: JOB_ID } };

export const V3_SCHEMAS: Record<string, Schema> = {
  ...ENDPOINT_SCHEMAS,
  QueryJobResp: queryJob,
  ProgressInfo: progressInfo,
  QueryProgressResp: queryProgress,
  QueryStructDetailResp: queryStruct,
  BatchListJobDetailsResponse: results('QueryJobResp'),
  BatchListProgressesResponse: results('QueryProgressResp'),
  BatchListStructDetailResponse: results('QueryStructDetailResp'),
  PageReq: pageReq,
  BatchQueryJobReqPage: obj({ jobs, page_req: ref('PageReq') }, ['jobs']),
  BatchQueryProgressReq: obj({ jobs }, ['jobs']),
};

export const STRUCT_TYPE_ENUM = enumOf(Object.keys(STRUCT_TYPES));
export const STATUS_ENUM = enumOf(JOB_STATUSES);
