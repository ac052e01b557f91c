import type { Json, Oracle, Tenant } from './soak-oracle.js';

/** One request of the soak, with the data it must answer (null where DRS has no such job). */
export interface SoakRequest {
  kind: Kind;
  body: string;
  expected: { [field: string]: Json };
  /** Where the world has no job (another tenant's, a released one): null there, with a coded NOT_FOUND. */
  missing: (string | number)[][];
  /** The job id an error at `path` concerns, when the path names one. */
  jobIdAt(path: readonly (string | number)[]): string | undefined;
}

export const KINDS = ['dashboard', 'job', 'struct', 'objects', 'async'] as const;
export type Kind = (typeof KINDS)[number];

const PROGRESS =
  'progress { jobId percent transferStatusRaw incrementalDelaySeconds phases { phaseRaw completedPercent } }';
const objects = (first: number) => `objects(first: ${first}) { totalCount edges { node { sourceObject progress } } }`;

const DOCUMENTS: Record<Kind, string> = {
  dashboard: `query SoakDashboard($ids: [ID!]!) { jobs(ids: $ids) { id name statusRaw
    sourceEndpoint { dbTypeRaw ip port } targetEndpoint { dbTypeRaw instanceName } ${PROGRESS}
    structDetail(type: TABLE) { total ${objects(10)} } } }`,
  job: `query SoakJob($id: ID!) { job(id: $id) { id name statusRaw ${PROGRESS} } }`,
  struct: `query SoakStruct($ids: [ID!]!) { jobs(ids: $ids) { id
    tables: structDetail(type: TABLE) { total ${objects(20)} } indexes: structDetail(type: INDEX) { total ${objects(5)} } } }`,
  objects: `query SoakObjects($id: ID!) { job(id: $id) { id
    objectProgress(type: TABLE, first: 10) { totalCount edges { node { sourceObject targetObject progress } } } } }`,
  async: `query SoakAsync($id: ID!) { asyncJobBatch(id: $id) { id totalCount
    jobs(first: 5) { edges { node { id statusRaw baseInfo { name } } } } } }`,
};

const DASHBOARD_JOBS = 25;
const POOL = 500;

const pick = <T>(list: readonly T[], n: number): T => list[n % Math.min(list.length, POOL)]!;
const window = (list: readonly string[], n: number, size: number) =>
  Array.from({ length: size }, (_, i) => pick(list, n * size + i));
const body = (kind: Kind, variables: Record<string, unknown>) =>
  JSON.stringify({ query: DOCUMENTS[kind], variables, operationName: `Soak${kind[0]!.toUpperCase()}${kind.slice(1)}` });
const byIndex = (ids: readonly string[]) => (path: readonly (string | number)[]) =>
  typeof path[1] === 'number' ? ids[path[1]] : undefined;
const only = (value: Json, keys: string[]): Json =>
  value === null || typeof value !== 'object' || Array.isArray(value)
    ? value
    : Object.fromEntries(keys.map((k) => [k, value[k] ?? null]));

/** The positions of `expected` that hold no job: a null list item or a null root field. */
function missingIn(expected: { [field: string]: Json }): (string | number)[][] {
  return Object.entries(expected).flatMap(([field, value]) => {
    if (value === null) return [[field]];
    return Array.isArray(value) ? value.flatMap((item, i) => (item === null ? [[field, i]] : [])) : [];
  });
}

const make = (r: Omit<SoakRequest, 'missing'>): SoakRequest => ({ ...r, missing: missingIn(r.expected) });

/**
 * The `n`-th request of `kind` for `tenant`. Every 5th dashboard also asks for one of the other
 * tenant's jobs and one of its own released jobs; every 10th single job or async batch is the other
 * tenant's: those must come back null with a coded NOT_FOUND, never as a row.
 */
export function soakRequest(kind: Kind, n: number, tenant: Tenant, other: Tenant, oracle: Oracle): SoakRequest {
  const p = tenant.projectId;
  const foreign = n % 10 === 9;
  if (kind === 'dashboard') {
    const ids = window(tenant.live, n, DASHBOARD_JOBS);
    if (n % 5 === 4) ids.push(pick(other.live, n), pick(tenant.released, n));
    const expected = { jobs: ids.map((id) => oracle.dashboardJob(p, id)) };
    return make({ kind, body: body(kind, { ids }), expected, jobIdAt: byIndex(ids) });
  }
  if (kind === 'struct') {
    const ids = window(tenant.live, n, 5);
    const job = (id: string): Json =>
      oracle.dashboardJob(p, id) === null
        ? null
        : { id, tables: oracle.struct(p, id, 'table', 20), indexes: oracle.struct(p, id, 'index', 5) };
    return make({ kind, body: body(kind, { ids }), expected: { jobs: ids.map(job) }, jobIdAt: byIndex(ids) });
  }
  if (kind === 'async') {
    const id = pick(foreign ? other.asyncIds : tenant.asyncIds, n);
    return make({
      kind,
      body: body(kind, { id }),
      expected: { asyncJobBatch: oracle.asyncBatch(p, id, 5) },
      jobIdAt: () => undefined,
    });
  }
  const id = pick(foreign ? other.live : tenant.live, n);
  const job = oracle.dashboardJob(p, id);
  const expected =
    kind === 'job'
      ? only(job, ['id', 'name', 'statusRaw', 'progress'])
      : job && { id, objectProgress: oracle.objectProgress(p, id, 10) };
  return make({ kind, body: body(kind, { id }), expected: { job: expected }, jobIdAt: () => id });
}

/** The live-progress subscription (GraphQL over SSE). */
export const SUBSCRIPTION = `subscription SoakProgress($ids: [ID!]!) { jobProgress(ids: $ids) { jobId percent transferStatusRaw incrementalDelaySeconds phases { phaseRaw completedPercent } } }`;
