import type { Context } from '../context.js';
import type { QueryJobResp } from '../drs/types.js';
import type { JobInfo } from '../drs/types-discovery.js';
import { badUserInput } from '../errors.js';
import { tooComplex } from '../limits/query-limits.js';
import { builder } from './builder.js';
import { connectionOf } from './connection.js';
import { Job, loadJob, startLookAhead } from './job.js';
import { JOB_LIST_LIMITS, JobFilter, type JobFilterArgs, listPlan } from './job-list-args.js';
import { decodeListCursor } from './job-list-cursor.js';
import { mergedPage, pagesFor } from './job-list-fetch.js';
import { connectionJobNodes, type JobNeeds, jobNeeds, rowOnly } from './look-ahead.js';

const JobConnection = connectionOf(
  'Job',
  Job,
  'A page of the tenant’s jobs (POST /v3/{project_id}/jobs), newest first, with the whole list’s size.',
  // A job DRS lists but cannot detail (released between the calls) costs its node, not the page.
  { nodes: true, nullableNodes: true },
);

/** A list row as the Job it describes, for selections that read only what the row carries. */
function fromRow(row: JobInfo & { id: string }): QueryJobResp & { id: string } {
  const { id, name, status, description, db_use_type, net_type, job_direction, task_type } = row;
  return { id, name, status, description, db_use_type, net_type, job_direction, task_type };
}

/** Rows as Jobs: straight from the rows when they carry what is selected, else through batch-detail. */
function nodesOf(listed: (JobInfo & { id: string })[], ctx: Context, needs: JobNeeds) {
  ctx.jobIds.claim(listed.map((r) => r.id));
  if (!rowOnly(needs)) return listed.map((r) => loadJob(r.id, ctx, needs));
  return listed.map((r) => {
    startLookAhead(r.id, ctx, needs);
    return fromRow(r);
  });
}

interface JobListArgs {
  filter?: JobFilterArgs | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
}

builder.queryFields((t) => ({
  jobList: t.field({
    type: JobConnection,
    nullable: false,
    description:
      'The tenant’s jobs, newest first, filtered and paged: how to find job ids. Backed by DRS’s tenant job ' +
      'list (POST /v3/{project_id}/jobs), which takes one scenario and one status per call: a page costs one ' +
      'list call per scenario × status asked (3 when neither is filtered; 2 per list when the page straddles ' +
      'two of DRS’s pages), made together. Fields the list row carries (id, name, status, description, ' +
      'dbUseType, netType, jobDirection, taskType) cost nothing more; any other Job field adds ' +
      '⌈page / DRS_BATCH_SIZE⌉ batch-detail calls, and progress or structDetail the same of their API.',
    args: {
      filter: t.arg({ type: JobFilter, description: 'Which jobs; omitted lists them all.' }),
      first: t.arg.int({
        description: `Jobs in the page, 0–${JOB_LIST_LIMITS.maxSize}; default ${JOB_LIST_LIMITS.defaultSize}.`,
        // The operation-cost estimate (src/limits/operation-cost.ts) counts an omitted `first` as this.
        extensions: { defaultSize: JOB_LIST_LIMITS.defaultSize },
      }),
      after: t.arg.string({
        description: 'A cursor of this list (same filter); the page starts after its job. Omitted: the newest job.',
      }),
    },
    resolve: async (_root, args: JobListArgs, ctx, info) => {
      const first = args.first ?? JOB_LIST_LIMITS.defaultSize;
      if (first < 0 || first > JOB_LIST_LIMITS.maxSize) {
        throw badUserInput(`"first" must be between 0 and ${JOB_LIST_LIMITS.maxSize} (got ${first})`, {
          argument: 'first',
        });
      }
      const plan = listPlan(args.filter);
      const lists = plan.requests.length;
      const from = args.after ? decodeListCursor(args.after, plan.fingerprint, lists) : undefined;
      const taken = from?.taken ?? plan.requests.map(() => 0);
      const calls = taken.reduce((sum, offset) => sum + pagesFor(offset, Math.max(first, 1)).length, 0);
      const { usage } = ctx;
      // All of a page's list calls or none: a merge of some of the lists would be wrong, not partial.
      if (usage.limit !== undefined && usage.attempts + calls > usage.limit) {
        throw tooComplex(
          `This page needs ${calls} DRS list calls; the operation may make ${usage.limit - usage.attempts} more (MAX_DRS_CALLS_PER_OPERATION)`,
          'MAX_DRS_CALLS_PER_OPERATION',
        );
      }
      const needs = jobNeeds(info, connectionJobNodes(info, 'JobConnection', 'JobEdge'));
      const page = await mergedPage(
        (req) => ctx.loaders.jobListPage.load(req),
        plan.requests,
        plan.fingerprint,
        taken,
        first,
      );
      // A row without an id (never seen) cannot be a Job: it is left out, its place kept.
      const kept = page.rows.flatMap((row, i) =>
        typeof row.id === 'string' ? [{ row, cursor: page.cursors[i]! }] : [],
      );
      return {
        rows: nodesOf(
          kept.map((k) => k.row as JobInfo & { id: string }),
          ctx,
          needs,
        ) as never[],
        cursors: kept.map((k) => k.cursor),
        start: from ? from.index + 1 : 0,
        totalCount: page.totalCount,
      };
    },
  }),
}));
