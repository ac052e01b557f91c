import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { BatchSizes } from '../src/config.js';
import type { DrsSession } from '../src/drs/client.js';
import type { Endpoint, QueryFlowCompareDataResp, QueryJobResp, QueryProgressResp } from '../src/drs/types.js';
import { createLoaders } from '../src/loaders.js';
import { DbType, type DrsEnum, graphqlName, JobStatus, ProgressPhaseName, UNKNOWN } from '../src/schema/enums.js';
import { STRUCT_OBJECT_LIMITS } from '../src/schema/struct-detail.js';
import { epochMs, nonEmpty, nonNegative, wholeNumber } from '../src/schema/wire.js';
import { DASHBOARD_QUERY } from './dashboard-query.js';

/**
 * The bench's reference point below the gateway: a hand-written REST aggregator that answers the
 * dashboard query and nothing else, with no GraphQL at all. It makes the gateway's calls through the
 * gateway's own loaders and client (5 calls for 25 jobs, all at once), converts wire values with the
 * gateway's own helpers, builds the answer as object literals and writes `JSON.stringify` of it:
 * the work any aggregating server must do for these bytes. run.ts checks it answers the same data.
 */
export function handWrittenDashboard(session: () => DrsSession, batchSizes: BatchSizes): RequestListener {
  return (req, res) => {
    readBody(req)
      .then((text) => answer(text, session(), batchSizes))
      .then(
        (body) => send(res, 200, body),
        (error: Error) => send(res, 502, JSON.stringify({ errors: [{ message: error.message }] })),
      );
  };
}

async function answer(text: string, session: DrsSession, batchSizes: BatchSizes): Promise<string> {
  const { query, variables } = JSON.parse(text) as { query?: string; variables?: { ids?: string[] } };
  const ids = variables?.ids;
  if (query !== DASHBOARD_QUERY || !Array.isArray(ids)) {
    return JSON.stringify({ errors: [{ message: 'the hand-written reference answers the dashboard query only' }] });
  }
  const loaders = createLoaders(session, batchSizes);
  const [details, progress, structs] = await Promise.all([
    loaders.jobDetail.loadMany(ids),
    loaders.jobProgress.loadMany(ids),
    loaders.structDetail.loadMany(ids.map((jobId) => ({ jobId, type: 'table' as const }))),
  ]);
  const jobs = ids.map((id, i) => job(id, details[i], progress[i], structs[i]));
  return JSON.stringify({ data: { jobs } });
}

function job(
  id: string,
  detail: QueryJobResp | Error | undefined,
  progress: QueryProgressResp | Error | undefined,
  struct: QueryFlowCompareDataResp | Error | undefined,
) {
  // The reference serves live ids only: a per-job error is the gateway's business, not measured here.
  if (detail === undefined || detail instanceof Error) throw new Error(`no detail for ${id}`);
  return {
    id: detail.id,
    name: nonEmpty(detail.name),
    status: enumName(JobStatus, detail.status),
    createdAt: epochMs(detail.create_time)?.toISOString() ?? null,
    sourceEndpoint: endpoint(detail.source_endpoint, false),
    targetEndpoint: endpoint(detail.target_endpoint, true),
    progress: progress === undefined || progress instanceof Error ? null : progressOf(progress),
    structDetail: struct === undefined || struct instanceof Error ? null : structOf(struct),
  };
}

function endpoint(e: Endpoint | undefined, target: boolean) {
  if (e === undefined || e === null) return null;
  return target
    ? { dbType: enumName(DbType, e.db_type), instanceName: nonEmpty(e.inst_name) }
    : { dbType: enumName(DbType, e.db_type), ip: nonEmpty(e.ip), port: wholeNumber(e.db_port) };
}

function progressOf(p: QueryProgressResp) {
  return {
    percent: nonNegative(p.progress),
    transferStatus: enumName(JobStatus, p.transfer_status),
    incrementalDelaySeconds: nonNegative(p.incre_trans_delay),
    phases: Object.entries(p.progress_map ?? {}).map(([phase, info]) => ({
      phase: enumName(ProgressPhaseName, phase),
      completedPercent: nonNegative(info.completed),
    })),
  };
}

function structOf(s: QueryFlowCompareDataResp) {
  const rows = (s.list ?? []).slice(0, STRUCT_OBJECT_LIMITS.defaultSize);
  return {
    total: s.total_record ?? null,
    objects: {
      edges: rows.map((o) => ({
        node: {
          sourceObject: o.src_TB ?? o.src_tb ?? null,
          progress: typeof o.progress === 'number' ? o.progress : null,
        },
      })),
    },
  };
}

const names = new Map<string, string>();
/** The enum value's GraphQL name, as the gateway's enum types serialise it. */
function enumName(drsEnum: DrsEnum, raw: string | undefined | null): string | null {
  const value = drsEnum.normalize(raw);
  if (value === null) return null;
  if (value === UNKNOWN) return 'UNKNOWN';
  let name = names.get(value);
  if (name === undefined) {
    name = graphqlName(value);
    names.set(value, name);
  }
  return name;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    req.on('data', (chunk: Buffer) => parts.push(chunk));
    req.on('end', () => resolve(Buffer.concat(parts).toString()));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}
