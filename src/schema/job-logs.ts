import type { TaskLogInfo } from '../drs/types-v5.js';
import { builder } from './builder.js';
import { connectionOf, fetchWindow } from './connection.js';
import { Job } from './job.js';
import { forwardArgs } from './page-args.js';
import { pageWindow } from './paging.js';
import { epochMs, nonEmpty } from './wire.js';

/** One GET per page: DRS documents offset/limit for the log but no range, so pages stay modest. */
export const JOB_LOG_LIMITS = { defaultSize: 20, maxSize: 200 };

const JobLogEntry = builder.objectRef<TaskLogInfo>('JobLogEntry').implement({
  description: 'One line of a job’s task log (ShowJobDetail `type=log`, `TaskLogInfo`).',
  fields: (t) => ({
    level: t.string({
      description: 'Log level as DRS words it (e.g. INFO, WARN, ERROR).',
      resolve: (l) => nonEmpty(l.level),
    }),
    message: t.string({ description: 'The log message.', resolve: (l) => nonEmpty(l.message) }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When DRS wrote the line (`create_time`; ISO or epoch-ms text, null when absent).',
      resolve: (l) => epochMs(l.create_time),
    }),
  }),
});

const JobLogConnection = connectionOf(
  'JobLogEntry',
  JobLogEntry,
  'A page of a job’s task log as DRS orders it, with the whole log’s size (`total_count`).',
  { nodes: true },
);

builder.objectField(Job, 'logs', (t) =>
  t.field({
    type: JobLogConnection,
    // A failing log API (v5 is not in every region) costs the job its logs, not the job.
    nullable: true,
    description:
      'The job’s task log, paged (GET /v5/{project_id}/jobs/{job_id}?type=log with offset/limit): one ' +
      `call per job and page, not batched (the API takes one job). At most ${JOB_LOG_LIMITS.maxSize} lines a ` +
      `page, default ${JOB_LOG_LIMITS.defaultSize}. v5 APIs exist only in some regions; null with an error ` +
      'when the call fails (NOT_FOUND for DRS.10000010, a job the log API does not know).',
    args: forwardArgs(t.arg, JOB_LOG_LIMITS.maxSize, JOB_LOG_LIMITS.defaultSize),
    // One log call per job: the operation-cost check counts it against MAX_DRS_CALLS_PER_OPERATION.
    extensions: { drsCallsEach: 1 },
    resolve: (job, args, ctx) => {
      const window = pageWindow(args, JOB_LOG_LIMITS);
      return fetchWindow(window, async (offset, limit) => {
        const page = await ctx.loaders.jobLogPage.load({ jobId: job.id, offset, limit });
        return { rows: page.job.logs ?? [], count: page.job.total_count ?? 0 };
      });
    },
  }),
);
