/**
 * DRS v5 wire format of the two v5 query APIs (REFERENCE §6, §7), snake_case as sent. Every field is
 * optional: DRS omits freely. Secret fields (passwords, SSL key) are deliberately not modelled, so no
 * code can map them by accident.
 */

/** `progress-data/{type}` path segments (note the spelling `table_indexs`). */
export const PROGRESS_DATA_TYPES = [
  'table',
  'event',
  'table_structure',
  'procedure',
  'view',
  'function',
  'database',
  'trigger',
  'table_indexs',
] as const;
export type ProgressDataType = (typeof PROGRESS_DATA_TYPES)[number];

/** One compared object of `GET /v5/{project_id}/jobs/{job_id}/progress-data/{type}`. */
export interface FlowCompareData {
  src_db?: string;
  src_tb?: string;
  dst_db?: string;
  dst_tb?: string;
  progress?: number;
}

export interface ShowProgressDataResponse {
  /** Rows of the type in total, whatever the page. */
  count?: number;
  create_time?: string;
  flow_compare_data?: FlowCompareData[];
}

/** `offset`/`limit` of the v5 list APIs; `limit` is 1–1000 upstream. */
export interface V5PageReq {
  offset: number;
  limit: number;
}

export interface BaseEndpoint {
  id?: string;
  endpoint_name?: string;
  ip?: string;
  /** A string in v5 (`"1521"`). */
  db_port?: string | number;
  db_user?: string;
  instance_id?: string;
  instance_name?: string;
  db_name?: string;
  source_sharding?: BaseEndpoint[];
}

export interface JobEndpointInfo {
  db_type?: string;
  endpoint_type?: string;
  endpoint_role?: string;
  endpoint?: BaseEndpoint;
  cloud?: { region?: string; project_id?: string; az_code?: string };
  vpc?: { vpc_id?: string; subnet_id?: string; security_group_id?: string };
  config?: { is_target_readonly?: boolean; node_num?: number };
  ssl?: { ssl_link?: boolean; ssl_cert_name?: string; ssl_cert_check_sum?: string };
}

export interface JobBaseInfo {
  name?: string;
  job_type?: string;
  multi_write?: boolean;
  engine_type?: string;
  job_direction?: string;
  task_type?: string;
  net_type?: string;
  charging_mode?: string;
  enterprise_project_id?: string;
  description?: string;
  start_time?: string;
  expired_days?: number | string;
  tags?: { key?: string; value?: string }[];
  is_open_fast_clean?: boolean;
}

export interface JobProgressInfoV5 {
  progress?: string;
  incr_trans_delay?: string;
  incr_trans_delay_millis?: string;
  task_mode?: string;
  transfer_status?: string;
  process_time?: string;
  remaining_time?: string;
  progress_map?: Record<string, { completed?: string; remaining_time?: string | null }>;
}

export interface JobNodeInfo {
  spec?: { node_type?: string };
  vpc?: { vpc_id?: string; subnet_id?: string; security_group_id?: string };
  base_info?: { instance_type?: string; arch?: string; availability_zone?: string; status?: string; role?: string };
}

export interface MigrationObjectOverview {
  type?: string;
  src_count?: number | string;
  dst_count?: number | string;
  status?: string;
  start_time?: string;
  end_time?: string;
}

export interface MigrationObjectProgressInfo {
  migration_object_overview?: MigrationObjectOverview[];
  create_time?: string;
  full_start_time?: string;
  full_complete_time?: string;
  incr_start_time?: string;
  end_time?: string;
}

/** Node metrics; DRS sends every value as a string. */
export type QueryMetricResult = Partial<Record<string, string>>;

export interface PreCheckItem {
  item?: string;
  result?: string;
  failed_reason?: string;
  group?: string;
  is_support_skip?: boolean;
  is_skipped?: boolean;
}

export interface QueryPreCheckResult {
  result?: boolean;
  process?: string;
  total_passed_rate?: string;
  precheck_results?: PreCheckItem[];
}

export interface CompareResultInfo {
  job_id?: string;
  object_level_compare_results?: { type?: string; status?: string; source_count?: number; target_count?: number }[];
  line_compare_results?: { source_db?: string; status?: string }[];
  content_compare_results?: { source_db?: string; status?: string }[];
  compare_task_list?: { compare_task_id?: string; type?: string; status?: string; create_time?: string }[];
}

export interface TaskLogInfo {
  level?: string;
  message?: string;
  create_time?: string;
}

export interface JobDetailResp {
  id?: string;
  status?: string;
  create_time?: string;
  master_job_id?: string;
  base_info?: JobBaseInfo;
  source_endpoint?: JobEndpointInfo[];
  target_endpoint?: JobEndpointInfo[];
  alarm_notify?: {
    alarm_to_user?: boolean;
    topic_urn?: string;
    delay_time?: number;
    rpo_delay?: number;
    rto_delay?: number;
  };
  speed_limit?: { begin?: string; end?: string; speed?: string }[];
  node_info?: JobNodeInfo;
  progress_info?: JobProgressInfoV5;
  migration_object_progress_info?: MigrationObjectProgressInfo;
  metrics?: QueryMetricResult;
  precheck_result?: QueryPreCheckResult;
  compare_result?: CompareResultInfo;
  logs?: TaskLogInfo[];
  task_version?: string;
}

/** `GET /v5/{project_id}/batch-async-jobs/{async_job_id}`. */
export interface ListAsyncJobDetailResponse {
  /** Jobs in the batch, whatever the page. */
  total_count?: number;
  jobs?: JobDetailResp[];
}
