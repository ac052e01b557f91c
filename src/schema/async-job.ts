import type { ListAsyncJobDetailResponse } from '../drs/types-v5.js';
import { badUserInput, quoted } from '../errors.js';
import { AsyncJob } from './async-job-detail.js';
import { builder } from './builder.js';
import { connectionOf, fetchWindow, sliceList } from './connection.js';
import { COST } from './costs.js';
import { forwardArgs } from './page-args.js';
import { pageWindow } from './paging.js';

/** v5 job details are heavy (logs, metrics, checks): pages stay small. */
export const ASYNC_JOB_LIMITS = { defaultSize: 10, maxSize: 100 };

interface BatchDto {
  id: string;
  /** The default first page, fetched to learn whether the batch exists (and its total). */
  head: ListAsyncJobDetailResponse;
}

const AsyncJobConnection = connectionOf(
  'AsyncJob',
  AsyncJob,
  'Jobs of a batch, newest first (`create_time` descending).',
);

const AsyncJobBatch = builder.objectRef<BatchDto>('AsyncJobBatch').implement({
  description: `Jobs created together by one asynchronous batch request, from ${COST.asyncJobs}.`,
  fields: (t) => ({
    id: t.id({ nullable: false, description: 'The async job id (`async_job_id`).', resolve: (b) => b.id }),
    totalCount: t.int({
      nullable: false,
      description: 'Jobs in the batch, whatever the page (`total_count`).',
      resolve: (b) => b.head.total_count ?? 0,
    }),
    jobs: t.field({
      type: AsyncJobConnection,
      nullable: false,
      description:
        `Newest first; at most ${ASYNC_JOB_LIMITS.maxSize} edges, default ${ASYNC_JOB_LIMITS.defaultSize}. ` +
        `The first ${ASYNC_JOB_LIMITS.defaultSize} come with the batch (no further call); a page beyond them costs one call.`,
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
    description:
      'A batch of asynchronously created jobs; null (with a `NOT_FOUND` error) when DRS does not know it. ' +
      `One call to ${COST.asyncJobs} for the batch and its first ${ASYNC_JOB_LIMITS.defaultSize} jobs.`,
    args: {
      id: t.arg.id({
        required: true,
        description: 'The `async_job_id` DRS returned when the batch was created (1 to 64 letters, digits, `-`, `_`).',
      }),
    },
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
