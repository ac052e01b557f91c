import type { Context } from '../context.js';
import type { QueryJobResp } from '../drs/types.js';
import { badUserInput, quoted } from '../errors.js';
import { isJobId } from '../job-id.js';
import { builder } from './builder.js';
import { Endpoint } from './endpoint.js';
import { enumFields } from './enum-field.js';
import {
  ConflictPolicy,
  DbUseType,
  JobDirection,
  JobStatus,
  NetType,
  SchemaType,
  StructObjectType,
  TaskMode,
} from './enums.js';
import { AlarmSettings, ReplicationInstance, SelectedObject, SpeedLimit, Tag, tagPairs } from './job-parts.js';
import { type JobNeeds, jobNeeds, statusOnly } from './look-ahead.js';
import { Progress } from './progress.js';
import { StructDetail } from './struct-detail.js';
import { epochMs, nonEmpty, wholeNumber } from './wire.js';

/** A DRS job as batch-detail describes it; `progress` and `structDetail` come from their own batch APIs. */
export const Job = builder.objectRef<QueryJobResp & { id: string }>('Job').implement({
  description: 'A DRS migration, synchronization or disaster-recovery job.',
  fields: (t) => ({
    id: t.exposeID('id', { nullable: false }),
    name: t.string({ resolve: (j) => nonEmpty(j.name) }),
    ...enumFields(t, 'status', JobStatus, (j) => j.status, 'Lifecycle status.'),
    description: t.string({ resolve: (j) => nonEmpty(j.description) }),
    failedReason: t.string({ resolve: (j) => nonEmpty(j.failed_reason) }),
    createdAt: t.field({ type: 'DateTime', resolve: (j) => epochMs(j.create_time) }),
    updatedAt: t.field({ type: 'DateTime', resolve: (j) => epochMs(j.update_time) }),
    startedAt: t.field({
      type: 'DateTime',
      description: 'Actual start; null before the job starts.',
      resolve: (j) => epochMs(j.actual_start_time),
    }),
    fullTransferCompletedAt: t.field({ type: 'DateTime', resolve: (j) => epochMs(j.full_transfer_complete_time) }),
    ...enumFields(t, 'taskType', TaskMode, (j) => j.task_type, 'Full, incremental or both.'),
    ...enumFields(t, 'dbUseType', DbUseType, (j) => j.db_use_type, 'Migration, sync or DR.'),
    ...enumFields(t, 'jobDirection', JobDirection, (j) => j.job_direction, 'Direction relative to the cloud.'),
    ...enumFields(t, 'originalJobDirection', JobDirection, (j) => j.original_job_direction, 'Direction at creation.'),
    ...enumFields(t, 'netType', NetType, (j) => j.net_type, 'Network the job uses.'),
    ...enumFields(t, 'conflictPolicy', ConflictPolicy, (j) => j.conflict_policy, 'Behaviour on data conflicts.'),
    ...enumFields(t, 'schemaType', SchemaType, (j) => j.schema_type, 'How the source is read.'),
    parentId: t.id({ description: 'Parent of a sub-job.', resolve: (j) => nonEmpty(j.parent_id) }),
    masterJobId: t.id({ resolve: (j) => nonEmpty(j.master_job_id) }),
    nodeCount: t.int({ resolve: (j) => wholeNumber(j.node_num) }),
    targetReadOnly: t.boolean({ resolve: (j) => j.is_target_readonly ?? null }),
    multiWrite: t.boolean({ description: 'Dual-active DR.', resolve: (j) => j.multi_write ?? null }),
    multiAz: t.boolean({ resolve: (j) => j.is_multi_az ?? null }),
    supportsIpv6: t.boolean({ resolve: (j) => j.support_ip_v6 ?? null }),
    azCode: t.string({ resolve: (j) => nonEmpty(j.az_code) }),
    vpcId: t.string({ resolve: (j) => nonEmpty(j.vpc_id) }),
    subnetId: t.string({ resolve: (j) => nonEmpty(j.subnet_id) }),
    securityGroupId: t.string({ resolve: (j) => nonEmpty(j.security_group_id) }),
    sourceEndpoint: t.field({ type: Endpoint, resolve: (j) => j.source_endpoint ?? null }),
    targetEndpoint: t.field({ type: Endpoint, resolve: (j) => j.target_endpoint ?? null }),
    messageQueueEndpoint: t.field({ type: Endpoint, resolve: (j) => j.dmq_endpoint ?? null }),
    sourceShards: t.field({ type: [Endpoint], nullable: false, resolve: (j) => j.source_sharding ?? [] }),
    instance: t.field({ type: ReplicationInstance, resolve: (j) => j.inst_info ?? null }),
    tags: t.field({ type: [Tag], nullable: false, resolve: (j) => tagPairs(j.tags) }),
    selectedObjects: t.field({ type: [SelectedObject], nullable: false, resolve: (j) => j.object_infos ?? [] }),
    speedLimits: t.field({ type: [SpeedLimit], nullable: false, resolve: (j) => j.speed_limit ?? [] }),
    alarmSettings: t.field({ type: AlarmSettings, resolve: (j) => j.alarm_notify ?? null }),
    progress: t.field({ type: Progress, resolve: (j, _args, ctx) => ctx.loaders.jobProgress.load(j.id) }),
    structDetail: t.field({
      type: StructDetail,
      args: { type: t.arg({ type: StructObjectType, required: true }) },
      resolve: async (j, { type }, ctx) => ({
        jobId: j.id,
        type,
        detail: await ctx.loaders.structDetail.load({ jobId: j.id, type }),
      }),
    }),
  }),
});

/**
 * Loads a job and, in the same tick, whatever progress and struct details the selection asks for:
 * the ids are known now, so all batch calls start together (one round trip, not two). A selection
 * of only `id`/`status` (and fields other APIs serve) is answered by the light batch-status call
 * instead of batch-detail: same number of calls, a fraction of the bytes.
 */
export function loadJob(id: string, ctx: Context, needs: JobNeeds) {
  if (!isJobId(id)) {
    return Promise.reject(
      badUserInput(`"${quoted(id)}" is not a DRS job id (36 characters shaped like a UUID)`, { jobId: quoted(id) }),
    );
  }
  const job = statusOnly(needs) ? ctx.loaders.jobStatus.load(id) : ctx.loaders.jobDetail.load(id);
  startLookAhead(id, ctx, needs);
  return job as Promise<QueryJobResp & { id: string }>;
}

/** Starts the loads of the fields other APIs serve for a job whose id is known (see `jobNeeds`). */
export function startLookAhead(id: string, ctx: Context, needs: JobNeeds): void {
  // Failures surface (once) when the field itself resolves; here they must not be unhandled.
  if (needs.progress) ctx.loaders.jobProgress.load(id).catch(() => {});
  for (const type of needs.structTypes) ctx.loaders.structDetail.load({ jobId: id, type }).catch(() => {});
  for (const { type, searchName, pages } of needs.objectProgress) {
    if (pages.length > ctx.lookAheadCalls) break;
    ctx.lookAheadCalls -= pages.length;
    for (const { offset, limit } of pages) {
      ctx.loaders.progressPage.load({ jobId: id, type, offset, limit, searchName }).catch(() => {});
    }
  }
}

builder.queryFields((t) => ({
  job: t.field({
    type: Job,
    description: 'One job by id; null (with an error) when DRS does not know it.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, { id }, ctx, info) => {
      ctx.jobIds.claim([String(id)]);
      return loadJob(String(id), ctx, jobNeeds(info));
    },
  }),
  jobs: t.field({
    type: [Job],
    nullable: { list: false, items: true },
    description: 'Jobs in the order of `ids`; an unknown or malformed id is null at its position, with an error.',
    args: { ids: t.arg.idList({ required: true }) },
    resolve: (_root, { ids }, ctx, info) => {
      const list = ids.map(String);
      ctx.jobIds.claim(list);
      const needs = jobNeeds(info);
      return list.map((id) => loadJob(id, ctx, needs));
    },
  }),
}));
