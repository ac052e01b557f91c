import type {
  JobBaseInfo,
  JobDetailResp,
  JobNodeInfo,
  JobProgressInfoV5,
  MigrationObjectOverview,
  MigrationObjectProgressInfo,
  TaskLogInfo,
} from '../drs/types-v5.js';
import { builder } from './builder.js';
import { enumFields } from './enum-field.js';
import { DbUseType, JobDirection, JobStatus, NetType, TaskMode } from './enums.js';
import { Tag, tagPairs } from './job-parts.js';
import { epochMs, nonEmpty, nonNegative, wholeNumber } from './wire.js';

/** The plain value types of a v5 job detail; comparison, pre-check and metrics live in async-job-checks.ts. */

export const AsyncJobBaseInfo = builder.objectRef<JobBaseInfo>('AsyncJobBaseInfo').implement({
  fields: (t) => ({
    name: t.string({ resolve: (b) => nonEmpty(b.name) }),
    ...enumFields(t, 'jobType', DbUseType, (b) => b.job_type, 'Migration, sync or DR.'),
    engineType: t.string({ description: 'e.g. `oracle-to-gaussdbv5`.', resolve: (b) => nonEmpty(b.engine_type) }),
    multiWrite: t.boolean({ resolve: (b) => b.multi_write ?? null }),
    ...enumFields(t, 'jobDirection', JobDirection, (b) => b.job_direction, 'Direction relative to the cloud.'),
    ...enumFields(t, 'taskType', TaskMode, (b) => b.task_type, 'Full, incremental or both.'),
    ...enumFields(t, 'netType', NetType, (b) => b.net_type, 'Network the job uses.'),
    chargingMode: t.string({ resolve: (b) => nonEmpty(b.charging_mode) }),
    enterpriseProjectId: t.string({ resolve: (b) => nonEmpty(b.enterprise_project_id) }),
    description: t.string({ resolve: (b) => nonEmpty(b.description) }),
    startTime: t.string({ description: 'As DRS sent it.', resolve: (b) => nonEmpty(b.start_time) }),
    expiredDays: t.int({ resolve: (b) => wholeNumber(b.expired_days) }),
    fastClean: t.boolean({ resolve: (b) => b.is_open_fast_clean ?? null }),
    tags: t.field({
      type: [Tag],
      nullable: false,
      resolve: (b) => tagPairs((b.tags ?? []).map((tag) => ({ key: tag.key ?? '', value: tag.value ?? '' }))),
    }),
  }),
});

export const AsyncJobAlarmSettings = builder
  .objectRef<NonNullable<JobDetailResp['alarm_notify']>>('AsyncJobAlarmSettings')
  .implement({
    fields: (t) => ({
      alarmToUser: t.boolean({ resolve: (a) => a.alarm_to_user ?? null }),
      topicUrn: t.string({ resolve: (a) => nonEmpty(a.topic_urn) }),
      delaySeconds: t.int({ resolve: (a) => a.delay_time ?? null }),
      rpoDelaySeconds: t.int({ resolve: (a) => a.rpo_delay ?? null }),
      rtoDelaySeconds: t.int({ resolve: (a) => a.rto_delay ?? null }),
    }),
  });

export const AsyncJobNode = builder.objectRef<JobNodeInfo>('AsyncJobNode').implement({
  description: 'The replication node of a v5 job.',
  fields: (t) => ({
    nodeType: t.string({
      description: '`micro`, `small`, `medium` or `high`.',
      resolve: (n) => nonEmpty(n.spec?.node_type),
    }),
    instanceType: t.string({ description: '`single` or `ha`.', resolve: (n) => nonEmpty(n.base_info?.instance_type) }),
    arch: t.string({ resolve: (n) => nonEmpty(n.base_info?.arch) }),
    availabilityZone: t.string({ resolve: (n) => nonEmpty(n.base_info?.availability_zone) }),
    status: t.string({ resolve: (n) => nonEmpty(n.base_info?.status) }),
    role: t.string({ resolve: (n) => nonEmpty(n.base_info?.role) }),
    vpcId: t.string({ resolve: (n) => nonEmpty(n.vpc?.vpc_id) }),
    subnetId: t.string({ resolve: (n) => nonEmpty(n.vpc?.subnet_id) }),
    securityGroupId: t.string({ resolve: (n) => nonEmpty(n.vpc?.security_group_id) }),
  }),
});

export const AsyncJobProgress = builder.objectRef<JobProgressInfoV5>('AsyncJobProgress').implement({
  fields: (t) => ({
    percent: t.float({ resolve: (p) => nonNegative(p.progress) }),
    incrementalDelaySeconds: t.float({ resolve: (p) => nonNegative(p.incr_trans_delay) }),
    incrementalDelayMs: t.float({ resolve: (p) => nonNegative(p.incr_trans_delay_millis) }),
    ...enumFields(t, 'taskMode', TaskMode, (p) => p.task_mode, 'Full, incremental or both.'),
    ...enumFields(t, 'transferStatus', JobStatus, (p) => p.transfer_status, 'Status of the transfer.'),
    processTime: t.string({ resolve: (p) => nonEmpty(p.process_time) }),
    remainingTime: t.string({ resolve: (p) => nonEmpty(p.remaining_time) }),
  }),
});

const ObjectMigrationOverview = builder.objectRef<MigrationObjectOverview>('ObjectMigrationOverview').implement({
  fields: (t) => ({
    type: t.string({ description: 'e.g. TABLE, VIEW, INDEX (about 40 kinds).', resolve: (o) => nonEmpty(o.type) }),
    sourceCount: t.int({ resolve: (o) => wholeNumber(o.src_count) }),
    targetCount: t.int({ resolve: (o) => wholeNumber(o.dst_count) }),
    status: t.string({ resolve: (o) => nonEmpty(o.status) }),
    startedAt: t.field({ type: 'DateTime', resolve: (o) => epochMs(o.start_time) }),
    endedAt: t.field({ type: 'DateTime', resolve: (o) => epochMs(o.end_time) }),
  }),
});

export const ObjectMigrationProgress = builder
  .objectRef<MigrationObjectProgressInfo>('ObjectMigrationProgress')
  .implement({
    fields: (t) => ({
      overview: t.field({
        type: [ObjectMigrationOverview],
        nullable: false,
        resolve: (p) => p.migration_object_overview ?? [],
      }),
      fullStartedAt: t.field({ type: 'DateTime', resolve: (p) => epochMs(p.full_start_time) }),
      fullCompletedAt: t.field({ type: 'DateTime', resolve: (p) => epochMs(p.full_complete_time) }),
      incrementalStartedAt: t.field({ type: 'DateTime', resolve: (p) => epochMs(p.incr_start_time) }),
      endedAt: t.field({ type: 'DateTime', resolve: (p) => epochMs(p.end_time) }),
    }),
  });

export const AsyncJobLog = builder.objectRef<TaskLogInfo>('AsyncJobLog').implement({
  fields: (t) => ({
    level: t.string({ resolve: (l) => nonEmpty(l.level) }),
    message: t.string({ resolve: (l) => nonEmpty(l.message) }),
    createdAt: t.field({ type: 'DateTime', resolve: (l) => epochMs(l.create_time) }),
  }),
});
