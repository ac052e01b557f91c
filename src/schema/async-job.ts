import type { Context } from '../context.js';
import { DrsError, LocalCode } from '../drs/errors.js';
import type { JobDetailResp, ListAsyncJobDetailResponse } from '../drs/types-v5.js';
import { badUserInput, codeOf, quoted } from '../errors.js';
import { CompareResult, NodeMetrics, PreCheckResult } from './async-job-checks.js';
import { AsyncJobEndpoint } from './async-job-endpoint.js';
import {
  AsyncJobAlarmSettings,
  AsyncJobBaseInfo,
  AsyncJobLog,
  AsyncJobNode,
  AsyncJobProgress,
  ObjectMigrationProgress,
} from './async-job-parts.js';
import { builder } from './builder.js';
import { connectionOf, fetchWindow, sliceList } from './connection.js';
import { enumFields } from './enum-field.js';
import { JobStatus } from './enums.js';
import { Job } from './job.js';
import { SpeedLimit } from './job-parts.js';
import { objectProgressField } from './object-progress.js';
import { forwardArgs } from './page-args.js';
import { pageWindow } from './paging.js';
import { epochMs, nonEmpty } from './wire.js';

/** v5 job details are heavy (logs, metrics, checks): pages stay small. */
export const ASYNC_JOB_LIMITS = { defaultSize: 10, maxSize: 100 };

interface BatchDto {
  id: string;
  /** The default first page, fetched to learn whether the batch exists (and its total). */
  head: ListAsyncJobDetailResponse;
}

export const AsyncJob = builder.objectRef<JobDetailResp>('AsyncJob').implement({
  description: 'A job of an asynchronously created batch, as the v5 API details it.',
  fields: (t) => ({
    id: t.id({ resolve: (j) => nonEmpty(j.id) }),
    ...enumFields(t, 'status', JobStatus, (j) => j.status, 'Lifecycle status (same values as v3).'),
    createdAt: t.field({ type: 'DateTime', resolve: (j) => epochMs(j.create_time) }),
    masterJobId: t.id({ resolve: (j) => nonEmpty(j.master_job_id) }),
    taskVersion: t.string({ resolve: (j) => nonEmpty(j.task_version) }),
    baseInfo: t.field({ type: AsyncJobBaseInfo, resolve: (j) => j.base_info ?? null }),
    sourceEndpoints: t.field({ type: [AsyncJobEndpoint], nullable: false, resolve: (j) => j.source_endpoint ?? [] }),
    targetEndpoints: t.field({ type: [AsyncJobEndpoint], nullable: false, resolve: (j) => j.target_endpoint ?? [] }),
    alarmSettings: t.field({ type: AsyncJobAlarmSettings, resolve: (j) => j.alarm_notify ?? null }),
    speedLimits: t.field({
      type: [SpeedLimit],
      nullable: false,
      resolve: (j) => (j.speed_limit ?? []).map((s) => ({ ...s })),
    }),
    node: t.field({ type: AsyncJobNode, resolve: (j) => j.node_info ?? null }),
    progress: t.field({ type: AsyncJobProgress, resolve: (j) => j.progress_info ?? null }),
    objectMigration: t.field({
      type: ObjectMigrationProgress,
      resolve: (j) => j.migration_object_progress_info ?? null,
    }),
    metrics: t.field({ type: NodeMetrics, resolve: (j) => j.metrics ?? null }),
    preCheck: t.field({ type: PreCheckResult, resolve: (j) => j.precheck_result ?? null }),
    comparison: t.field({ type: CompareResult, resolve: (j) => j.compare_result ?? null }),
    logs: t.field({ type: [AsyncJobLog], nullable: false, resolve: (j) => j.logs ?? [] }),
    objectProgress: objectProgressField(t, (j) => j.id || undefined),
    job: t.field({
      type: Job,
      description: 'The v3 view of this job; null when DRS has none (v5-only scenarios such as Oracle→GaussDB).',
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

const AsyncJobConnection = connectionOf('AsyncJob', AsyncJob, 'Jobs of a batch, newest first.');

const AsyncJobBatch = builder.objectRef<BatchDto>('AsyncJobBatch').implement({
  description: 'Jobs created together by one asynchronous batch request (GET /v5/…/batch-async-jobs/{id}).',
  fields: (t) => ({
    id: t.id({ nullable: false, resolve: (b) => b.id }),
    totalCount: t.int({ nullable: false, resolve: (b) => b.head.total_count ?? 0 }),
    jobs: t.field({
      type: AsyncJobConnection,
      nullable: false,
      description: `Newest first; at most ${ASYNC_JOB_LIMITS.maxSize} edges, default ${ASYNC_JOB_LIMITS.defaultSize}.`,
      args: forwardArgs(t.arg, ASYNC_JOB_LIMITS.maxSize, ASYNC_JOB_LIMITS.defaultSize),
      resolve: (b, args, ctx) => {
        const window = pageWindow(args, ASYNC_JOB_LIMITS);
        // A window inside the head page needs no further call.
        if (window.end !== undefined && window.end <= ASYNC_JOB_LIMITS.defaultSize) {
          const sliced = sliceList(b.head.jobs ?? [], window);
          return { ...sliced, totalCount: b.head.total_count ?? sliced.totalCount };
        }
        return fetchWindow(window, async (offset, limit) => {
          const page = await ctx.loaders.asyncJobPage.load({ asyncJobId: b.id, offset, limit });
          return { rows: page.jobs ?? [], count: page.total_count ?? 0 };
        });
      },
    }),
  }),
});

const ASYNC_JOB_ID = /^[A-Za-z0-9_-]{1,64}$/;

builder.queryFields((t) => ({
  asyncJobBatch: t.field({
    type: AsyncJobBatch,
    extensions: { drsCallsEach: 1 },
    description: 'A batch of asynchronously created jobs; null (with an error) when DRS does not know it.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (_root, { id }, ctx) => {
      const asyncJobId = String(id).trim();
      // It becomes a path segment: dots or slashes would move the request to another path.
      if (!ASYNC_JOB_ID.test(asyncJobId)) {
        throw badUserInput(`"${quoted(asyncJobId)}" is not an async job id (1 to 64 letters, digits, "-" or "_")`);
      }
      const head = await ctx.loaders.asyncJobPage.load({ asyncJobId, offset: 0, limit: ASYNC_JOB_LIMITS.defaultSize });
      return { id: asyncJobId, head };
    },
  }),
}));
