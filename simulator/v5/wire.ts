/**
 * DRS v5 wire format as the simulator sends it (REFERENCE §6, §7; spec/001, spec/002): the gateway's
 * own types (src/drs/types-v5.ts), narrowed where the simulator always sends a field, plus what the
 * gateway never reads: the secret fields the simulator plants (REFERENCE §12) and the v5 detail's
 * user-migration and policy blocks.
 */
import type * as Gateway from '../../src/drs/types-v5.js';

export type { FlowCompareData, JobBaseInfo, JobProgressInfoV5 as JobProgressInfo } from '../../src/drs/types-v5.js';
export { PROGRESS_DATA_TYPES, type ProgressDataType } from '../../src/drs/types-v5.js';

/** `GET /v5/{project_id}/jobs/{job_id}/progress-data/{type}`: every field always sent. */
export interface ShowProgressDataResponse extends Gateway.ShowProgressDataResponse {
  count: number;
  /** Data generation time (the spec example sends epoch ms as a string). */
  create_time: string;
  flow_compare_data: Gateway.FlowCompareData[];
}

export interface BaseEndpoint extends Omit<Gateway.BaseEndpoint, 'db_port' | 'source_sharding'> {
  /** A string in v5 (`"1521"`), unlike v3's integer. */
  db_port?: string;
  db_password?: string;
  source_sharding?: BaseEndpoint[];
}

export interface EndpointSslConfig extends NonNullable<Gateway.JobEndpointInfo['ssl']> {
  ssl_cert_key?: string;
  ssl_cert_password?: string;
}

export interface JobEndpointInfo
  extends Omit<Gateway.JobEndpointInfo, 'endpoint_type' | 'endpoint_role' | 'endpoint' | 'ssl'> {
  endpoint_type?: 'offline' | 'ecs' | 'cloud';
  endpoint_role?: 'so' | 'ta';
  endpoint?: BaseEndpoint;
  ssl?: EndpointSslConfig;
}

export interface UserMigrationInfo {
  is_migrate_user?: boolean;
  is_set_password?: boolean;
  password?: string;
  user_list?: { id?: string; account?: string; is_set_password?: boolean; password?: string }[];
  role_list?: { role?: string }[];
}

export interface JobDetailResp
  extends Omit<Gateway.JobDetailResp, 'id' | 'source_endpoint' | 'target_endpoint' | 'alarm_notify'> {
  id: string;
  source_endpoint?: JobEndpointInfo[];
  target_endpoint?: JobEndpointInfo[];
  alarm_notify?: NonNullable<Gateway.JobDetailResp['alarm_notify']> & { alarm_to_user: boolean };
  user_migration?: UserMigrationInfo;
  policy_config?: Record<string, string | boolean>;
}

/** `GET /v5/{project_id}/batch-async-jobs/{async_job_id}`: every field always sent. */
export interface ListAsyncJobDetailResponse extends Omit<Gateway.ListAsyncJobDetailResponse, 'jobs'> {
  total_count: number;
  jobs: JobDetailResp[];
}
