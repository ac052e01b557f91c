import {
  GraphQLEnumType,
  GraphQLError,
  GraphQLFloat,
  GraphQLID,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
} from 'graphql';
import { GraphQLDateTime } from 'graphql-scalars';
import type { DrsSession } from '../src/drs/client.js';
import {
  type Endpoint,
  JOB_STATUSES,
  type ProgressInfo,
  type QueryFlowCompareDataResp,
  type QueryJobResp,
  type QueryProgressResp,
  STRUCT_DETAIL_TYPES,
  type StructDetailType,
  type StructDetailVo,
} from '../src/drs/types.js';
// The same wire conversions as the gateway, so both answer byte-identical data (checked by run.ts).
import { epochMs, nonEmpty, nonNegative, wholeNumber } from '../src/schema/wire.js';

/**
 * The naive baseline: the dashboard's schema shape in plain graphql-js, where every resolver makes
 * its own upstream call for its own job (batch-detail with one id, then batch-progress and
 * batch-struct-detail per job): 3 calls per job and two round trips, no DataLoader, no look-ahead.
 */
export interface NaiveContext {
  session: DrsSession;
}

type Job = QueryJobResp & { id: string };

/** The single row a one-id batch call answers; a per-item error becomes the gateway's NOT_FOUND. */
function onlyRow<Row extends { error_code?: string | undefined }>(rows: Row[] | undefined, id: string): Row {
  const row = rows?.[0];
  if (row === undefined || row.error_code) {
    throw new GraphQLError(`DRS does not know job ${id}`, { extensions: { code: 'NOT_FOUND', jobId: id } });
  }
  return row;
}

/** A DRS enum as the gateway exposes it: wire values matched case-insensitively, others UNKNOWN. */
function wireEnum(name: string, wire: readonly string[]) {
  const canonical = new Map(wire.map((value) => [value.toLowerCase(), value]));
  const values: Record<string, { value: string }> = { UNKNOWN: { value: '\u0000unknown' } };
  for (const value of wire) values[value.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase()] = { value };
  return {
    type: new GraphQLEnumType({ name, values }),
    normalize: (raw: string | undefined) =>
      raw === undefined || raw === '' ? null : (canonical.get(raw.toLowerCase()) ?? '\u0000unknown'),
  };
}

const JobStatus = wireEnum('JobStatus', JOB_STATUSES);
const DbType = wireEnum('DbType', ['mysql', 'mongodb', 'gaussdbv5', 'postgresql', 'kafka', 'gaussdbv5ha', 'taurus']);
const PhaseName = wireEnum('ProgressPhaseName', ['struct', 'data', 'index']);
const StructObjectType = new GraphQLEnumType({
  name: 'StructObjectType',
  values: Object.fromEntries(STRUCT_DETAIL_TYPES.map((type) => [type.toUpperCase(), { value: type }])),
});

const EndpointType = new GraphQLObjectType<Endpoint, NaiveContext>({
  name: 'Endpoint',
  fields: {
    dbType: { type: DbType.type, resolve: (e) => DbType.normalize(e.db_type) },
    ip: { type: GraphQLString, resolve: (e) => nonEmpty(e.ip) },
    port: { type: GraphQLInt, resolve: (e) => wholeNumber(e.db_port) },
    instanceName: { type: GraphQLString, resolve: (e) => nonEmpty(e.inst_name) },
  },
});

const PhaseType = new GraphQLObjectType<ProgressInfo & { phase: string }, NaiveContext>({
  name: 'ProgressPhase',
  fields: {
    phase: { type: PhaseName.type, resolve: (p) => PhaseName.normalize(p.phase) },
    completedPercent: { type: GraphQLFloat, resolve: (p) => nonNegative(p.completed) },
  },
});

const ProgressType = new GraphQLObjectType<QueryProgressResp, NaiveContext>({
  name: 'Progress',
  fields: {
    percent: { type: GraphQLFloat, resolve: (p) => nonNegative(p.progress) },
    transferStatus: { type: JobStatus.type, resolve: (p) => JobStatus.normalize(p.transfer_status) },
    incrementalDelaySeconds: { type: GraphQLFloat, resolve: (p) => nonNegative(p.incre_trans_delay) },
    phases: {
      type: new GraphQLNonNull(new GraphQLList(PhaseType)),
      resolve: (p) => Object.entries(p.progress_map ?? {}).map(([phase, info]) => ({ ...info, phase })),
    },
  },
});

const StructObjectOut = new GraphQLObjectType<StructDetailVo, NaiveContext>({
  name: 'StructObject',
  fields: {
    sourceObject: { type: GraphQLString, resolve: (o) => o.src_TB ?? o.src_tb ?? null },
    progress: { type: GraphQLInt, resolve: (o) => (typeof o.progress === 'number' ? o.progress : null) },
  },
});

// The same connection shape (and default page of 100) as the gateway, without its cursor machinery.
const StructObjectEdge = new GraphQLObjectType<StructDetailVo, NaiveContext>({
  name: 'StructObjectEdge',
  fields: { node: { type: new GraphQLNonNull(StructObjectOut), resolve: (o) => o } },
});

const StructObjectConnection = new GraphQLObjectType<StructDetailVo[], NaiveContext>({
  name: 'StructObjectConnection',
  fields: {
    totalCount: { type: new GraphQLNonNull(GraphQLInt), resolve: (list) => list.length },
    edges: { type: new GraphQLNonNull(new GraphQLList(StructObjectEdge)), resolve: (list) => list.slice(0, 100) },
  },
});

const StructDetailOut = new GraphQLObjectType<QueryFlowCompareDataResp, NaiveContext>({
  name: 'StructDetail',
  fields: {
    total: { type: GraphQLInt, resolve: (s) => s.total_record ?? null },
    objects: { type: new GraphQLNonNull(StructObjectConnection), resolve: (s) => s.list ?? [] },
  },
});

const JobType = new GraphQLObjectType<Job, NaiveContext>({
  name: 'Job',
  fields: {
    id: { type: new GraphQLNonNull(GraphQLID) },
    name: { type: GraphQLString, resolve: (j) => nonEmpty(j.name) },
    status: { type: JobStatus.type, resolve: (j) => JobStatus.normalize(j.status) },
    createdAt: { type: GraphQLDateTime, resolve: (j) => epochMs(j.create_time) },
    sourceEndpoint: { type: EndpointType, resolve: (j) => j.source_endpoint ?? null },
    targetEndpoint: { type: EndpointType, resolve: (j) => j.target_endpoint ?? null },
    progress: {
      type: ProgressType,
      resolve: async (j, _args, ctx) => onlyRow((await ctx.session.batchProgress([j.id])).results, j.id),
    },
    structDetail: {
      type: StructDetailOut,
      args: { type: { type: new GraphQLNonNull(StructObjectType) } },
      resolve: async (j, args: { type: StructDetailType }, ctx) =>
        onlyRow((await ctx.session.batchStructDetail(args.type, [j.id])).results, j.id).struct_detail ?? {},
    },
  },
});

export const naiveSchema = new GraphQLSchema({
  query: new GraphQLObjectType<unknown, NaiveContext>({
    name: 'Query',
    fields: {
      jobs: {
        type: new GraphQLNonNull(new GraphQLList(JobType)),
        args: { ids: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLID))) } },
        resolve: (_root, args: { ids: string[] }, ctx) =>
          args.ids.map(
            async (id): Promise<Job> => ({
              ...onlyRow((await ctx.session.batchDetail([id])).results, id),
              id,
            }),
          ),
      },
    },
  }),
});
