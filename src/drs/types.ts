/**
 * DRS wire format (snake_case), as the v3 batch APIs send it.
 * Every field is optional because DRS omits what it does not know; unknown fields are ignored.
 * Secret fields are listed so the simulator can plant them; the gateway never reads them.
 */

/** Top-level error body of DRS (`DRS.*`) and of the API gateway (`APIG.*`, with `request_id`). */
export interface DrsErrorBody {
  error_code?: string;
  error_msg?: string;
  request_id?: string;
}

export interface PageReq {
  cur_page?: number;
  per_page?: number;
}

/** Body of batch-detail and batch-struct-detail. */
export interface BatchQueryJobReqPage {
  jobs: string[];
  page_req?: PageReq;
}

/** Body of batch-progress (no paging). */
export interface BatchQueryProgressReq {
  jobs: string[];
}

export interface KafkaSecurity {
  type?: string;
  trust_store_key_name?: string;
  trust_store_key?: string;
  trust_store_password?: string;
  endpoint_algorithm?: string;
  sasl_mechanism?: string;
  delegation_tokens?: boolean;
  enable_key_store?: boolean;
  key_store_key?: string;
  key_store_key_name?: string;
  key_store_password?: string;
  set_private_key_password?: boolean;
  key_password?: string;
}

export interface Endpoint {
  db_type?: string;
  az_code?: string;
  region?: string;
  inst_id?: string;
  vpc_id?: string;
  subnet_id?: string;
  security_group_id?: string;
  project_id?: string;
  db_name?: string;
  db_password?: string;
  db_port?: number | string;
  db_user?: string;
  inst_name?: string;
  ip?: string;
  mongo_ha_mode?: string;
  safe_mode?: number;
  ssl_cert_password?: string;
  ssl_cert_check_sum?: string;
  ssl_cert_key?: string;
  ssl_cert_name?: string;
  ssl_link?: boolean | string;
  topic?: string;
  cluster_mode?: string;
  kafka_security_config?: KafkaSecurity;
}

export interface InstInfo {
  engine_type?: string;
  inst_type?: string;
  ip?: string;
  public_ip?: string;
  start_time?: string;
  status?: string;
  volume_size?: number;
}

export interface SpeedLimitInfo {
  begin?: string;
  end?: string;
  speed?: string;
  is_utc?: boolean;
}

export interface DatabaseObjectInfo {
  id?: string;
  parent_id?: string;
  type?: string;
  name?: string;
  alias_name?: string;
  select?: string;
}

/** DRS has sent tags both as `{key, value}` and as one object of key → value pairs. */
export type Tag = { key?: string; value?: string } | Record<string, string>;

export interface SubscriptionInfo {
  endpoints?: string[];
  protocol?: string;
}

export interface QuerySmnInfoResp {
  subscriptions?: SubscriptionInfo[];
  topic_name?: string;
  delay_time?: number;
  rto_delay?: number;
  rpo_delay?: number;
  alarm_to_user?: boolean;
}

export interface PeriodOrderResp {
  status?: string;
  order_id?: string;
  charging_mode?: number;
  period_type?: number;
  period_num?: number;
  is_auto_renew?: number;
  eff_time?: string;
  exp_time?: string;
}

export interface DefaultRootDb {
  db_name?: string;
  db_encoding?: string;
}

/** One job of batch-detail (`QueryJobResp`). */
export interface QueryJobResp {
  id?: string;
  parent_id?: string;
  name?: string;
  status?: string;
  description?: string;
  create_time?: string;
  task_type?: string;
  source_endpoint?: Endpoint;
  dmq_endpoint?: Endpoint;
  source_sharding?: Endpoint[];
  target_endpoint?: Endpoint;
  net_type?: string;
  failed_reason?: string;
  inst_info?: InstInfo;
  actual_start_time?: string;
  full_transfer_complete_time?: string;
  update_time?: string;
  job_direction?: string;
  db_use_type?: string;
  need_restart?: boolean;
  is_target_readonly?: boolean;
  conflict_policy?: string;
  filter_ddl_policy?: string;
  speed_limit?: SpeedLimitInfo[];
  schema_type?: string;
  node_num?: number | string;
  object_switch?: boolean;
  master_job_id?: string;
  full_mode?: string;
  struct_trans?: boolean;
  index_trans?: boolean;
  replace_definer?: boolean;
  migrate_user?: boolean;
  sync_database?: boolean;
  error_code?: string;
  error_message?: string;
  target_root_db?: DefaultRootDb;
  az_code?: string;
  vpc_id?: string;
  subnet_id?: string;
  security_group_id?: string;
  multi_write?: boolean;
  support_ip_v6?: boolean;
  inherit_id?: string;
  gtid?: string;
  alarm_notify?: QuerySmnInfoResp;
  incre_start_position?: string;
  is_multi_az?: boolean;
  az_name?: string;
  master_az?: string;
  slave_az?: string;
  node_role?: string;
  period_order?: PeriodOrderResp;
  object_infos?: DatabaseObjectInfo[];
  original_job_direction?: string;
  tags?: Tag[];
  is_open_fast_clean?: boolean;
  job_kernel_direction?: string;
}

export interface BatchListJobDetailsResponse {
  count?: number;
  results?: QueryJobResp[];
}

export interface ProgressInfo {
  completed?: string;
  remaining_time?: string | null;
}

/** One job of batch-progress (`QueryProgressResp`); note `error_msg`, not `error_message`. */
export interface QueryProgressResp {
  job_id?: string;
  progress?: string;
  incre_trans_delay?: string;
  incre_trans_delay_millis?: string;
  task_mode?: string;
  transfer_status?: string;
  process_time?: string;
  remaining_time?: string;
  progress_map?: Record<string, ProgressInfo>;
  error_code?: string;
  error_msg?: string;
}

export interface BatchListProgressesResponse {
  count?: number;
  results?: QueryProgressResp[];
}

/** One object of batch-struct-detail; DRS documents `src_DB`, Terraform reads `src_db`. */
export interface StructDetailVo {
  progress?: number;
  src_DB?: string;
  src_TB?: string;
  dst_DB?: string;
  dst_TB?: string;
  src_db?: string;
  src_tb?: string;
  dst_db?: string;
  dst_tb?: string;
}

export interface QueryFlowCompareDataResp {
  total_record?: number;
  create_time?: string;
  list?: StructDetailVo[];
}

export interface QueryStructDetailResp {
  job_id?: string;
  error_code?: string;
  error_message?: string;
  struct_detail?: QueryFlowCompareDataResp;
}

export interface BatchListStructDetailResponse {
  count?: number;
  results?: QueryStructDetailResp[];
}

/** `{type}` path values of batch-struct-detail. */
export const STRUCT_DETAIL_TYPES = [
  'database',
  'schema',
  'table',
  'view',
  'procedure',
  'trigger',
  'index',
  'table_indexs',
  'table_structure',
] as const;
export type StructDetailType = (typeof STRUCT_DETAIL_TYPES)[number];

/** Job statuses documented for `status` and `transfer_status` (REFERENCE §8.1). */
export const JOB_STATUSES = [
  'CREATING',
  'CREATE_FAILED',
  'CONFIGURATION',
  'STARTJOBING',
  'WAITING_FOR_START',
  'START_JOB_FAILED',
  'PAUSING',
  'FULL_TRANSFER_STARTED',
  'FULL_TRANSFER_FAILED',
  'FULL_TRANSFER_COMPLETE',
  'INCRE_TRANSFER_STARTED',
  'INCRE_TRANSFER_FAILED',
  'RELEASE_RESOURCE_STARTED',
  'RELEASE_RESOURCE_FAILED',
  'RELEASE_RESOURCE_COMPLETE',
  'REBUILD_NODE_STARTED',
  'REBUILD_NODE_FAILED',
  'CHANGE_JOB_STARTED',
  'CHANGE_JOB_FAILED',
  'DELETED',
  'CHILD_TRANSFER_STARTING',
  'CHILD_TRANSFER_STARTED',
  'CHILD_TRANSFER_COMPLETE',
  'CHILD_TRANSFER_FAILED',
  'RELEASE_CHILD_TRANSFER_STARTED',
  'RELEASE_CHILD_TRANSFER_COMPLETE',
  'NODE_UPGRADE_START',
  'NODE_UPGRADE_COMPLETE',
  'NODE_UPGRADE_FAILED',
] as const;

/** Wire names of every secret a DRS model carries; none may ever leave the gateway. */
export const SECRET_WIRE_FIELDS = [
  'db_password',
  'ssl_cert_password',
  'ssl_cert_key',
  'trust_store_key',
  'trust_store_password',
  'key_store_key',
  'key_store_password',
  'key_password',
  'password',
] as const;
