/**
 * DRS v5 wire format of the two v5 query APIs (REFERENCE §6, §7; spec/001, spec/002), snake_case
 * as sent. Kept beside the simulator until the gateway needs them; optional where DRS may omit.
 * Secret fields are present because the simulator plants them (REFERENCE §12).
 */

/** `GET /v5/{project_id}/jobs/{job_id}/progress-data/{type}` — one compared object. */
export interface FlowCompareData {
  src_db?: string;
  src_tb?: string;
  dst_db?: string;
  dst_tb?: string;
  progress?: number;
}

export interface ShowProgressDataResponse {
  /** Total rows of the type, whatever the page. */
  count: number;
  /** Data generation time (the spec example sends epoch ms as a string). */
  create_time: string;
  flow_compare_data: FlowCompareData[];
}

// The path types are the gateway's too: one list, in the wire types the simulator may import.
export { PROGRESS_DATA_TYPES, type ProgressDataType } from '../src/drs/types-v5.js';

export interface BaseEndpoint {
  id?: string;
  endpoint_name?: string;
  ip?: string;
  /** A string in v5 (`"1521"`), unlike v3's integer. */
  db_port?: string;
  db_user?: string;
  db_password?: string;
  instance_id?: string;
  instance_name?: string;
  db_name?: string;
  source_sharding?: BaseEndpoint[];
}

export interface EndpointSslConfig {
  ssl_link?: boolean;
  ssl_cert_name?: string;
  ssl_cert_key?: string;
  ssl_cert_check_sum?: string;
  ssl_cert_password?: string;
}

export interface JobEndpointInfo {
  db_type?: string;
  endpoint_type?: 'offline' | 'ecs' | 'cloud';
  endpoint_role?: 'so' | 'ta';
  endpoint?: BaseEndpoint;
  cloud?: { region?: string; project_id?: string; az_code?: string };
  vpc?: { vpc_id?: string; subnet_id?: string; security_group_id?: string };
  config?: { is_target_readonly?: boolean; node_num?: number };
  ssl?: EndpointSslConfig;
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
  /** SDK says string; the doc example sends a number. */
  expired_days?: number | string;
  tags?: { key?: string; value?: string }[];
  is_open_fast_clean?: boolean;
}

export interface UserMigrationInfo {
  is_migrate_user?: boolean;
  is_set_password?: boolean;
  password?: string;
  user_list?: { id?: string; account?: string; is_set_password?: boolean; password?: string }[];
  role_list?: { role?: string }[];
}

export interface JobProgressInfo {
  progress?: string;
  incr_trans_delay?: string;
  incr_trans_delay_millis?: string;
  task_mode?: string;
  transfer_status?: string;
  process_time?: string;
  remaining_time?: string;
  progress_map?: Record<string, { completed?: string; remaining_time?: string | null }>;
}

export interface JobDetailResp {
  id: string;
  status?: string;
  create_time?: string;
  master_job_id?: string;
  base_info?: JobBaseInfo;
  source_endpoint?: JobEndpointInfo[];
  target_endpoint?: JobEndpointInfo[];
  alarm_notify?: {
    alarm_to_user: boolean;
    topic_urn?: string;
    delay_time?: number;
    rpo_delay?: number;
    rto_delay?: number;
  };
  speed_limit?: { begin?: string; end?: string; speed?: string }[];
  user_migration?: UserMigrationInfo;
  policy_config?: Record<string, string | boolean>;
  node_info?: {
    spec?: { node_type?: string };
    vpc?: { vpc_id?: string; subnet_id?: string; security_group_id?: string };
    base_info?: { instance_type?: string; arch?: string; availability_zone?: string; status?: string; role?: string };
  };
  progress_info?: JobProgressInfo;
  task_version?: string;
}

/** `GET /v5/{project_id}/batch-async-jobs/{async_job_id}`. */
export interface ListAsyncJobDetailResponse {
  /** Jobs in the batch, whatever the page. */
  total_count: number;
  jobs: JobDetailResp[];
}
