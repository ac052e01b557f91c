import { type FlowCompareData, PROGRESS_DATA_TYPES } from '../drs/types-v5.js';
import { builder } from './builder.js';
import { connectionOf, fetchWindow } from './connection.js';
import { COST } from './costs.js';
import { PROGRESS_TYPE_DOCS } from './enum-docs.js';
import { graphqlName } from './enums.js';
import { Job } from './job.js';
import { OBJECT_PROGRESS_LIMITS, objectProgressRequest } from './object-progress-args.js';
import { pageArgs } from './page-args.js';

export const ProgressObjectType = builder.enumType('ProgressObjectType', {
  description:
    'Kind of object listed by progress-data: the `{type}` of `GET /v5/{project_id}/jobs/{job_id}/progress-data/{type}`. ' +
    'Not the same set as `StructObjectType`.',
  values: Object.fromEntries(
    PROGRESS_DATA_TYPES.map((type) => [graphqlName(type), { value: type, description: PROGRESS_TYPE_DOCS[type] }]),
  ),
});

const ObjectProgress = builder.objectRef<FlowCompareData>('ObjectProgress').implement({
  description: 'One migrated object with its source and target names and its progress (`FlowCompareData`).',
  fields: (t) => ({
    sourceDatabase: t.string({ description: 'Source database (`src_db`).', resolve: (o) => o.src_db ?? null }),
    sourceObject: t.string({ description: 'Source object name (`src_tb`).', resolve: (o) => o.src_tb ?? null }),
    targetDatabase: t.string({ description: 'Target database (`dst_db`).', resolve: (o) => o.dst_db ?? null }),
    targetObject: t.string({ description: 'Target object name (`dst_tb`).', resolve: (o) => o.dst_tb ?? null }),
    progress: t.int({
      description: 'Percent transferred, 0–100 (`progress`).',
      resolve: (o) => (typeof o.progress === 'number' ? o.progress : null),
    }),
  }),
});

const ObjectProgressConnection = connectionOf(
  'ObjectProgress',
  ObjectProgress,
  'Objects of one type and their progress (`GET /v5/{project_id}/jobs/{job_id}/progress-data/{type}`).',
);

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** `objectProgress` on any type that knows its job id: v3 `Job` and v5 `AsyncJob` alike. */
export function objectProgressField<Parent>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>,
  jobIdOf: (parent: Parent) => string | undefined,
) {
  return t.field({
    type: ObjectProgressConnection,
    // One progress-data call per job (v5 takes one job per call): the operation-cost check counts it.
    extensions: { drsCallsEach: 1 },
    description:
      `Per-object progress of one kind of object, paged (at most ${OBJECT_PROGRESS_LIMITS.maxSize} edges, default ` +
      `${OBJECT_PROGRESS_LIMITS.defaultSize}); null when the job has no id. From ${COST.progressData}`,
    args: {
      type: t.arg({ type: ProgressObjectType, required: true, description: 'Kind of object (the path’s `{type}`).' }),
      ...pageArgs(t.arg, OBJECT_PROGRESS_LIMITS.maxSize, OBJECT_PROGRESS_LIMITS.defaultSize),
      search: t.arg.string({
        description: 'Only objects whose source name matches (DRS `search_name`); empty means all.',
      }),
    },
    resolve: (parent, args, ctx) => {
      const { type, searchName, window } = objectProgressRequest(args);
      const jobId = jobIdOf(parent);
      if (jobId === undefined) return null;
      return fetchWindow(window, async (offset, limit) => {
        const page = await ctx.loaders.progressPage.load({ jobId, type, offset, limit, searchName });
        return { rows: page.flow_compare_data ?? [], count: page.count ?? 0 };
      });
    },
  });
}

builder.objectField(Job, 'objectProgress', (t) => objectProgressField(t, (job) => job.id));
