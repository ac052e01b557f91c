import type { Context } from '../context.js';
import type { QueryJobResp } from '../drs/types.js';
import { badUserInput, quoted } from '../errors.js';
import { isJobId } from '../job-id.js';
import { builder } from './builder.js';
import { COST } from './costs.js';
import { StructObjectType } from './enums.js';
import { jobLifecycleFields } from './job-lifecycle.js';
import { jobPlacementFields } from './job-placement.js';
import { type JobNeeds, jobNeeds, statusOnly } from './look-ahead.js';
import { Progress } from './progress.js';
import { StructDetail } from './struct-detail.js';

/** A DRS job as batch-detail describes it; `progress` and `structDetail` come from their own batch APIs. */
export const Job = builder.objectRef<QueryJobResp & { id: string }>('Job').implement({
  description:
    'A DRS migration, synchronization or disaster-recovery job (DRS calls it a task). Its plain fields ' +
    `come from ${COST.detail} \`progress\` and \`structDetail\` come from their own batch APIs, in the same ` +
    'round trip. Times are ISO 8601 (DRS sends epoch-millisecond strings); DRS’s "not yet" `"0"`, its ' +
    '`-1` and empty strings are null.',
  fields: (t) => ({
    ...jobLifecycleFields(t),
    ...jobPlacementFields(t),
    progress: t.field({
      type: Progress,
      description: `Transfer progress, from ${COST.progress}`,
      resolve: (j, _args, ctx) => ctx.loaders.jobProgress.load(j.id),
    }),
    structDetail: t.field({
      type: StructDetail,
      description: `Initialization details of one kind of object, from ${COST.struct}`,
      args: {
        type: t.arg({ type: StructObjectType, required: true, description: 'Kind of object (the path’s `{type}`).' }),
      },
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
    description:
      'One job by id; null (with a `NOT_FOUND` error) when DRS does not know it, `BAD_USER_INPUT` (before any ' +
      `call) for an id not shaped like a DRS job id. Costs what \`jobs\` costs for one id: ${COST.detail}`,
    args: { id: t.arg.id({ required: true, description: 'A DRS job id (36 characters, e.g. `…f7aa730jb101`).' }) },
    resolve: (_root, { id }, ctx, info) => {
      ctx.jobIds.claim([String(id)]);
      return loadJob(String(id), ctx, jobNeeds(info));
    },
  }),
  jobs: t.field({
    type: [Job],
    nullable: { list: false, items: true },
    description:
      'Jobs in the order of `ids`; an unknown or malformed id is null at its position, with an error naming ' +
      `it. Repeated ids are fetched once. Start here for a dashboard of known jobs: ${COST.detail} ` +
      'The distinct ids of a whole operation are capped by MAX_IDS_PER_QUERY.',
    args: { ids: t.arg.idList({ required: true, description: 'DRS job ids, in the order the answer keeps.' }) },
    resolve: (_root, { ids }, ctx, info) => {
      const list = ids.map(String);
      ctx.jobIds.claim(list);
      const needs = jobNeeds(info);
      return list.map((id) => loadJob(id, ctx, needs));
    },
  }),
}));
