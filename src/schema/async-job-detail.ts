import type { Context } from '../context.js';
import { DrsError, LocalCode } from '../drs/errors.js';
import type { JobDetailResp } from '../drs/types-v5.js';
import { codeOf } from '../errors.js';
import { CompareResult, NodeMetrics, PreCheckResult } from './async-job-checks.js';
import { AsyncJobEndpoint } from './async-job-endpoint.js';
import { AsyncJobAlarmSettings, AsyncJobBaseInfo, AsyncJobNode } from './async-job-parts.js';
import { AsyncJobLog, AsyncJobProgress, ObjectMigrationProgress } from './async-job-progress.js';
import { builder } from './builder.js';
import { COST } from './costs.js';
import { enumFields } from './enum-field.js';
import { JobStatus } from './enums.js';
import { Job } from './job.js';
import { SpeedLimit } from './job-parts.js';
import { objectProgressField } from './object-progress.js';
import { epochMs, nonEmpty } from './wire.js';

/** One v5 job detail of a batch; the batch and its paging live in async-job.ts. */
export const AsyncJob = builder.objectRef<JobDetailResp>('AsyncJob').implement({
  description:
    `A job of an asynchronously created batch, as the v5 API details it (\`JobDetailResp\`), from ${COST.asyncJobs}: ` +
    'one call per page of its batch answers every field but `job` (batch-detail) and `objectProgress` (progress-data).',
  fields: (t) => ({
    id: t.id({ description: 'Job id (`id`), the same id the v3 APIs take.', resolve: (j) => nonEmpty(j.id) }),
    ...enumFields(t, 'status', JobStatus, (j) => j.status, 'Lifecycle status (`status`, the same values as v3).'),
    createdAt: t.field({
      type: 'DateTime',
      description: 'Creation time (`create_time`, ISO 8601 or epoch ms).',
      resolve: (j) => epochMs(j.create_time),
    }),
    masterJobId: t.id({
      description: 'Main job of a multi-task job (`master_job_id`).',
      resolve: (j) => nonEmpty(j.master_job_id),
    }),
    taskVersion: t.string({ description: 'Task version (`task_version`).', resolve: (j) => nonEmpty(j.task_version) }),
    baseInfo: t.field({
      type: AsyncJobBaseInfo,
      description: 'Name, kind and billing (`base_info`).',
      resolve: (j) => j.base_info ?? null,
    }),
    sourceEndpoints: t.field({
      type: [AsyncJobEndpoint],
      nullable: false,
      description: 'Source databases (`source_endpoint`).',
      resolve: (j) => j.source_endpoint ?? [],
    }),
    targetEndpoints: t.field({
      type: [AsyncJobEndpoint],
      nullable: false,
      description: 'Target databases (`target_endpoint`).',
      resolve: (j) => j.target_endpoint ?? [],
    }),
    alarmSettings: t.field({
      type: AsyncJobAlarmSettings,
      description: 'Exception notifications (`alarm_notify`).',
      resolve: (j) => j.alarm_notify ?? null,
    }),
    speedLimits: t.field({
      type: [SpeedLimit],
      nullable: false,
      description: 'Flow-control windows (`speed_limit`; v5 sends no `is_utc`); empty means unlimited.',
      resolve: (j) => (j.speed_limit ?? []).map((s) => ({ ...s })),
    }),
    node: t.field({
      type: AsyncJobNode,
      description: 'The replication node (`node_info`).',
      resolve: (j) => j.node_info ?? null,
    }),
    progress: t.field({
      type: AsyncJobProgress,
      description: 'Transfer progress (`progress_info`), in the same call (no batch-progress call).',
      resolve: (j) => j.progress_info ?? null,
    }),
    objectMigration: t.field({
      type: ObjectMigrationProgress,
      description: 'Progress per kind of object (`migration_object_progress_info`).',
      resolve: (j) => j.migration_object_progress_info ?? null,
    }),
    metrics: t.field({
      type: NodeMetrics,
      description: 'Latest node metrics (`metrics`).',
      resolve: (j) => j.metrics ?? null,
    }),
    preCheck: t.field({
      type: PreCheckResult,
      description: 'Pre-check results (`precheck_result`).',
      resolve: (j) => j.precheck_result ?? null,
    }),
    comparison: t.field({
      type: CompareResult,
      description: 'Comparison overview (`compare_result`).',
      resolve: (j) => j.compare_result ?? null,
    }),
    logs: t.field({
      type: [AsyncJobLog],
      nullable: false,
      description: 'Log entries this detail carries (`logs`); empty when DRS sends none.',
      resolve: (j) => j.logs ?? [],
    }),
    objectProgress: objectProgressField(t, (j) => j.id || undefined),
    job: t.field({
      type: Job,
      description:
        'The v3 view of this job; null when DRS has none (v5-only scenarios such as Oracle→GaussDB). ' +
        `From ${COST.detail}`,
      resolve: (j, _args, ctx) => (j.id ? v3Job(j.id, ctx) : null),
    }),
  }),
});

/** Through the batch-detail loader, so N async jobs cost one batch-detail call. */
async function v3Job(id: string, ctx: Context) {
  ctx.jobIds.claim([id]);
  try {
    return (await ctx.loaders.jobDetail.load(id)) as Awaited<ReturnType<typeof ctx.loaders.jobDetail.load>> & {
      id: string;
    };
  } catch (error) {
    // "No such v3 job" is an answer here, not a failure; anything else still surfaces.
    if (error instanceof DrsError && (codeOf(error) === 'NOT_FOUND' || error.code === LocalCode.missingRow))
      return null;
    throw error;
  }
}
