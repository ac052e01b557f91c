import { isJobIdShape } from '../data/ids.js';
import type { ListedJob, Listing } from '../data/listing.js';
import { STATUS_WEIGHTS } from '../data/status.js';
import { type Problem, pageInvalid, paramEmpty, paramInvalid } from '../http/errors.js';
import type { Reply } from './batch.js';

/** `db_use_type` values (REFERENCE §8.2). */
export const DB_USE_TYPES = ['migration', 'sync', 'cloudDataGuard'] as const;
/** `engine_type` values of the SDK's QueryJobsReq, plus OTC's mysql-to-taurus. */
export const LIST_ENGINE_TYPES = [
  'mysql',
  'mongodb',
  'cloudDataGuard-mysql',
  'gaussdbv5',
  'postgresql',
  'mysql-to-kafka',
  'taurus-to-kafka',
  'gaussdbv5ha-to-kafka',
  'mysql-to-taurus',
] as const;
const NET_TYPES = ['vpn', 'vpc', 'eip'];
const STATUSES = Object.keys(STATUS_WEIGHTS);
export const LIST_DEFAULT_PER_PAGE = 10;
export const LIST_MAX_PER_PAGE = 100;

interface ListQuery {
  curPage: number;
  perPage: number;
  dbUseType: string;
  engineType: string;
  netType: string;
  status: string;
  name: string;
  enterpriseProjectId: string | undefined;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };
const fail = (problem: Problem): { ok: false; problem: Problem } => ({ ok: false, problem });

function text(body: Record<string, unknown>, field: string, fallback: string, allowed?: readonly string[]) {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' || (value !== '' && allowed && !allowed.includes(value))) return paramInvalid(field);
  return value;
}

function count(body: Record<string, unknown>, field: string, fallback: number, max: number): number | Problem {
  const value = body[field];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value)) return paramInvalid(field);
  if (value < 0 || value > max) return pageInvalid(`${field} must be between 0 and ${max}.`);
  return value;
}

/**
 * The QueryJobsReq body (OTC `querying_tasks_of_a_tenant`, SDK `model_query_jobs_req.go`):
 * `db_use_type` is required (DRS.M00201 when absent or empty, DRS.M00202 when unknown);
 * `engine_type` defaults to `mysql` as the OTC page says, and `""` (what its example sends)
 * lists every engine; `enterprise_project_id` "cannot be left blank", so `""` is DRS.M00202.
 */
export function parseListQuery(raw: unknown): Parsed<ListQuery> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(paramInvalid('body'));
  const body = raw as Record<string, unknown>;
  if (body.db_use_type === undefined || body.db_use_type === null || body.db_use_type === '')
    return fail(paramEmpty('db_use_type'));
  const values = {
    dbUseType: text(body, 'db_use_type', '', DB_USE_TYPES),
    engineType: text(body, 'engine_type', 'mysql', LIST_ENGINE_TYPES),
    netType: text(body, 'net_type', '', NET_TYPES),
    status: text(body, 'status', '', STATUSES),
    name: text(body, 'name', ''),
    curPage: count(body, 'cur_page', 1, 2 ** 31 - 1),
    perPage: count(body, 'per_page', LIST_DEFAULT_PER_PAGE, LIST_MAX_PER_PAGE),
  };
  for (const value of Object.values(values)) if (typeof value === 'object') return fail(value);
  const eps = body.enterprise_project_id;
  if (eps !== undefined && eps !== null && (typeof eps !== 'string' || eps === ''))
    return fail(paramInvalid('enterprise_project_id'));
  return {
    ok: true,
    value: { ...(values as Omit<ListQuery, 'enterpriseProjectId'>), enterpriseProjectId: eps ?? undefined },
  };
}

/** DRS's `name` is "name or ID"; the SDK adds "several IDs, comma-separated, at most 100". */
function nameMatcher(name: string): (job: ListedJob) => boolean {
  if (name === '') return () => true;
  const parts = name.split(',').map((p) => p.trim());
  if (parts.length > 1 && parts.every(isJobIdShape)) {
    const ids = new Set(parts);
    return (job) => ids.has(job.id);
  }
  // Undocumented: a part of the name, case-insensitive [INF], or the whole ID.
  const needle = name.toLowerCase();
  return (job) => job.id === name || job.name.toLowerCase().includes(needle);
}

export function matches(q: ListQuery): (job: ListedJob) => boolean {
  const byName = nameMatcher(q.name);
  return (job) =>
    job.live.dbUseType === q.dbUseType &&
    (q.engineType === '' || job.live.scenario.engine === q.engineType) &&
    (q.netType === '' || job.netType === q.netType) &&
    (q.status === '' || job.live.status === q.status) &&
    (q.enterpriseProjectId === undefined || job.enterpriseProjectId === q.enterpriseProjectId) &&
    byName(job);
}

/** The example answers "2020-12-21 10:57:49": UTC is assumed [INF]. */
function listTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

function row(job: ListedJob) {
  return {
    id: job.id,
    name: job.name,
    status: job.live.status,
    description: job.description,
    create_time: listTime(job.live.createTime),
    engine_type: job.live.scenario.engine,
    net_type: job.netType,
    billing_tag: job.billing,
    job_direction: job.jobDirection,
    db_use_type: job.live.dbUseType,
    task_type: job.live.taskType,
    node_newFramework: false,
  };
}

/** Newest first, as the published example is ordered; ties by ID so pages never overlap. */
function newestFirst(a: ListedJob, b: ListedJob): number {
  return b.live.createTime - a.live.createTime || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The 200 body of POST /v3/{project_id}/jobs: one page and `total_record`, the whole list's size. */
export function jobListBody(jobs: ListedJob[], q: ListQuery) {
  const listed = jobs.filter(matches(q)).sort(newestFirst);
  // cur_page 0 or per_page 0 lists everything; a page past the end is empty [INF].
  const all = q.curPage === 0 || q.perPage === 0;
  const start = all ? 0 : (q.curPage - 1) * q.perPage;
  const page = all ? listed : listed.slice(start, start + q.perPage);
  return { total_record: listed.length, jobs: page.map(row) };
}

/** POST /v3/{project_id}/jobs: the tenant's jobs of one scenario, filtered and paged. */
export function handleJobList(
  projectId: string,
  body: unknown,
  listing: Listing,
  releasedRate: number,
  now: number,
): Reply {
  const q = parseListQuery(body);
  if (!q.ok) return { ...q.problem, outcome: 'bad-request' };
  return { status: 200, body: jobListBody(listing.jobs(projectId, releasedRate, now), q.value), outcome: 'ok' };
}
