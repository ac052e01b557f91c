import type { JobBaseInfo, JobDetailResp, JobNodeInfo } from '../drs/types-v5.js';
import { builder } from './builder.js';
import { enumFields } from './enum-field.js';
import { DbUseType, JobDirection, NetType, TaskMode } from './enums.js';
import { delayThresholds, Tag, tagPairs } from './job-parts.js';
import { nonEmpty, wholeNumber } from './wire.js';

/** The plain value types of a v5 job detail; progress in async-job-progress.ts, checks in async-job-checks.ts. */

export const AsyncJobBaseInfo = builder.objectRef<JobBaseInfo>('AsyncJobBaseInfo').implement({
  description: 'Name, kind and billing of a v5 job (`base_info`).',
  fields: (t) => ({
    name: t.string({ description: 'Job name (`name`, 4–50 characters).', resolve: (b) => nonEmpty(b.name) }),
    ...enumFields(t, 'jobType', DbUseType, (b) => b.job_type, 'Migration, sync or DR (`job_type`).'),
    engineType: t.string({
      description: 'Engine (`engine_type`), e.g. `oracle-to-gaussdbv5`, `redis-to-gaussredis`, `mysql-to-mysql`.',
      resolve: (b) => nonEmpty(b.engine_type),
    }),
    multiWrite: t.boolean({ description: 'Dual-active DR (`multi_write`).', resolve: (b) => b.multi_write ?? null }),
    ...enumFields(
      t,
      'jobDirection',
      JobDirection,
      (b) => b.job_direction,
      'Direction relative to the cloud (`job_direction`).',
    ),
    ...enumFields(t, 'taskType', TaskMode, (b) => b.task_type, 'Full, incremental or both (`task_type`).'),
    ...enumFields(t, 'netType', NetType, (b) => b.net_type, 'Network the job uses (`net_type`).'),
    chargingMode: t.string({
      description: 'Billing (`charging_mode`): `period` (yearly/monthly) or `on_demand` (the default).',
      resolve: (b) => nonEmpty(b.charging_mode),
    }),
    enterpriseProjectId: t.string({
      description: 'Enterprise project (`enterprise_project_id`); `0` is the default project.',
      resolve: (b) => nonEmpty(b.enterprise_project_id),
    }),
    description: t.string({
      description: 'The owner’s description (`description`, up to 256 characters).',
      resolve: (b) => nonEmpty(b.description),
    }),
    startTime: t.string({
      description: 'Scheduled start (`start_time`), as DRS sent it.',
      resolve: (b) => nonEmpty(b.start_time),
    }),
    expiredDays: t.int({
      description: 'Days after which an abnormal job stops by itself (`expired_days`, 14–100, default 14).',
      resolve: (b) => wholeNumber(b.expired_days),
    }),
    fastClean: t.boolean({
      description: 'Fast binlog clean-up for RDS for MySQL/MariaDB (`is_open_fast_clean`).',
      resolve: (b) => b.is_open_fast_clean ?? null,
    }),
    tags: t.field({
      type: [Tag],
      nullable: false,
      description: 'Tags (`tags`, up to 20).',
      resolve: (b) => tagPairs((b.tags ?? []).map((tag) => ({ key: tag.key ?? '', value: tag.value ?? '' }))),
    }),
  }),
});

export const AsyncJobAlarmSettings = builder
  .objectRef<NonNullable<JobDetailResp['alarm_notify']>>('AsyncJobAlarmSettings')
  .implement({
    description: 'Exception notifications of a v5 job through SMN (`alarm_notify`).',
    fields: (t) => ({
      alarmToUser: t.boolean({
        description: 'Whether alarms are sent (`alarm_to_user`).',
        resolve: (a) => a.alarm_to_user ?? null,
      }),
      topicUrn: t.string({ description: 'URN of the SMN topic (`topic_urn`).', resolve: (a) => nonEmpty(a.topic_urn) }),
      ...delayThresholds(t),
    }),
  });

export const AsyncJobNode = builder.objectRef<JobNodeInfo>('AsyncJobNode').implement({
  description: 'The replication node of a v5 job (`node_info`).',
  fields: (t) => ({
    nodeType: t.string({
      description: 'Specification (`spec.node_type`): `micro`, `small`, `medium` or `high`.',
      resolve: (n) => nonEmpty(n.spec?.node_type),
    }),
    instanceType: t.string({
      description: '`single` or `ha` (`base_info.instance_type`).',
      resolve: (n) => nonEmpty(n.base_info?.instance_type),
    }),
    arch: t.string({
      description: 'CPU architecture (`arch`): `x86` or `arm`.',
      resolve: (n) => nonEmpty(n.base_info?.arch),
    }),
    availabilityZone: t.string({
      description: 'AZ of the node (`availability_zone`); comma-separated for an HA node.',
      resolve: (n) => nonEmpty(n.base_info?.availability_zone),
    }),
    status: t.string({
      description: 'Node status (`base_info.status`), as DRS sent it.',
      resolve: (n) => nonEmpty(n.base_info?.status),
    }),
    role: t.string({ description: 'Primary/standby role (`role`).', resolve: (n) => nonEmpty(n.base_info?.role) }),
    vpcId: t.string({ description: 'VPC of the node (`vpc.vpc_id`).', resolve: (n) => nonEmpty(n.vpc?.vpc_id) }),
    subnetId: t.string({
      description: 'Subnet of the node (`vpc.subnet_id`).',
      resolve: (n) => nonEmpty(n.vpc?.subnet_id),
    }),
    securityGroupId: t.string({
      description: 'Security group of the node (`vpc.security_group_id`).',
      resolve: (n) => nonEmpty(n.vpc?.security_group_id),
    }),
  }),
});
