import { arr, bool, enumOf, int, long, obj, ref, type Schema, secret, str, text } from './kit.js';
import { STATUS_ENUM } from './schemas-v3.js';

/** v5 wire models (REFERENCE §6, §7; spec/001, spec/002). */

const flowCompareData = obj({
  src_db: str,
  src_tb: str,
  dst_db: str,
  dst_tb: str,
  progress: { type: 'integer', minimum: 0, maximum: 100 },
});

const showProgressData = obj(
  {
    count: { ...long, description: 'Total rows of the type, whatever the page' },
    create_time: text('Data generation time (epoch ms as a string, as the spec example; ISO is also seen)'),
    flow_compare_data: arr(ref('FlowCompareData')),
  },
  ['count', 'create_time', 'flow_compare_data'],
);

const baseEndpoint = obj({
  id: str,
  endpoint_name: str,
  ip: text('One address, or ip:port pairs separated by commas (MongoDB, Redis Cluster)'),
  db_port: text('A string in v5, e.g. "1521"'),
  db_user: str,
  db_password: secret('database password'),
  instance_id: str,
  instance_name: str,
  db_name: str,
  source_sharding: arr(ref('BaseEndpoint')),
});

const endpointInfo = obj({
  db_type: str,
  endpoint_type: enumOf(['offline', 'ecs', 'cloud']),
  endpoint_role: enumOf(['so', 'ta']),
  endpoint: ref('BaseEndpoint'),
  cloud: obj({ region: str, project_id: str, az_code: str }),
  vpc: obj({ vpc_id: str, subnet_id: str, security_group_id: str }),
  config: obj({ is_target_readonly: bool, node_num: int }),
  ssl: obj({
    ssl_link: bool,
    ssl_cert_name: str,
    ssl_cert_key: secret('Base64 SSL certificate'),
    ssl_cert_check_sum: str,
    ssl_cert_password: secret('SSL certificate password'),
  }),
});

const baseInfo = obj({
  name: str,
  job_type: str,
  multi_write: bool,
  engine_type: str,
  job_direction: str,
  task_type: str,
  net_type: str,
  charging_mode: str,
  enterprise_project_id: str,
  description: str,
  start_time: str,
  expired_days: { type: ['integer', 'string'], description: 'SDK: string; the doc example sends 14' },
  tags: arr(obj({ key: str, value: str })),
  is_open_fast_clean: bool,
});

const userMigration = obj({
  is_migrate_user: bool,
  is_set_password: bool,
  password: secret('unified reset password'),
  user_list: arr(obj({ id: str, account: str, is_set_password: bool, password: secret('user password') })),
  role_list: arr(obj({ role: str })),
});

const progressInfo = obj({
  progress: str,
  incr_trans_delay: str,
  incr_trans_delay_millis: str,
  task_mode: str,
  transfer_status: str,
  process_time: str,
  remaining_time: str,
  progress_map: { type: 'object', additionalProperties: ref('ProgressInfo') },
});

const jobDetail = obj(
  {
    id: str,
    status: STATUS_ENUM,
    create_time: text('ISO time, e.g. 2022-11-07T16:15:18Z'),
    total_count: int,
    master_job_id: str,
    base_info: ref('JobBaseInfo'),
    source_endpoint: arr(ref('JobEndpointInfo')),
    target_endpoint: arr(ref('JobEndpointInfo')),
    alarm_notify: obj({ alarm_to_user: bool, topic_urn: str, delay_time: long, rpo_delay: long, rto_delay: long }, [
      'alarm_to_user',
    ]),
    speed_limit: arr(obj({ begin: str, end: str, speed: str })),
    user_migration: ref('UserMigrationInfo'),
    policy_config: { type: 'object', additionalProperties: { type: ['string', 'boolean'] } },
    node_info: obj({
      spec: obj({ node_type: str }),
      vpc: obj({ vpc_id: str, subnet_id: str, security_group_id: str }),
      base_info: obj({ instance_type: str, arch: str, availability_zone: str, status: str, role: str }),
    }),
    progress_info: ref('JobProgressInfo'),
  },
  ['id'],
);

export const V5_SCHEMAS: Record<string, Schema> = {
  FlowCompareData: flowCompareData,
  ShowProgressDataResponse: showProgressData,
  BaseEndpoint: baseEndpoint,
  JobEndpointInfo: endpointInfo,
  JobBaseInfo: baseInfo,
  UserMigrationInfo: userMigration,
  JobProgressInfo: progressInfo,
  JobDetailResp: jobDetail,
  ListAsyncJobDetailResponse: obj({ total_count: int, jobs: arr(ref('JobDetailResp')) }, ['total_count', 'jobs']),
};
