import type { ApiName } from './call-log.js';

export interface Route {
  api: Exclude<ApiName, 'unknown'>;
  projectId: string;
  /** The `{type}` path segment (batch-struct-detail, progress-data), still unvalidated. */
  type?: string;
  /** The `{job_id}` of progress-data and of the v5 job detail (job-log), still unvalidated. */
  jobId?: string;
  /** batch-async-jobs' `{async_job_id}`, still unvalidated. */
  asyncJobId?: string;
}

type Binder = (segments: string[]) => Omit<Route, 'api' | 'projectId'>;

const ROUTES: readonly [string, RegExp, Route['api'], Binder][] = [
  ['POST', /^\/v3\/([^/]+)\/jobs\/batch-detail$/, 'batch-detail', () => ({})],
  ['POST', /^\/v3\/([^/]+)\/jobs\/batch-progress$/, 'batch-progress', () => ({})],
  ['POST', /^\/v3\/([^/]+)\/jobs$/, 'job-list', () => ({})],
  ['POST', /^\/v3\/([^/]+)\/jobs\/batch-status$/, 'batch-status', () => ({})],
  // ShowJobDetail: the simulator answers its `type=log` (see v5/job-log.ts).
  ['GET', /^\/v5\/([^/]+)\/jobs\/([^/]+)$/, 'job-log', ([jobId]) => ({ jobId })],
  ['POST', /^\/v3\/([^/]+)\/jobs\/([^/]+)\/batch-struct-detail$/, 'batch-struct-detail', ([type]) => ({ type })],
  [
    'GET',
    /^\/v5\/([^/]+)\/jobs\/([^/]+)\/progress-data\/([^/]+)$/,
    'progress-data',
    ([jobId, type]) => ({ jobId, type }),
  ],
  ['GET', /^\/v5\/([^/]+)\/batch-async-jobs\/([^/]+)$/, 'async-job-detail', ([asyncJobId]) => ({ asyncJobId })],
];

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The API gateway publishes exactly these routes; any other method or path (a trailing slash
 * included) is a 404 before authentication, as APIG answers it.
 */
export function matchRoute(method: string, pathname: string): Route | undefined {
  // IAM's route names no project: the call log files it under the project its body asks for.
  if (method === 'POST' && pathname === '/v3/auth/tokens') return { api: 'iam-token', projectId: '' };
  for (const [verb, pattern, api, bind] of ROUTES) {
    if (verb !== method) continue;
    const m = pattern.exec(pathname);
    if (!m) continue;
    const decoded = m.slice(1).map(decode);
    if (decoded.some((s) => s === undefined)) return undefined;
    const [projectId, ...rest] = decoded as string[];
    return { api, projectId: projectId as string, ...bind(rest) };
  }
  return undefined;
}

/** Best-effort project segment for logging requests that matched no route. */
export function projectSegment(pathname: string): string {
  return /^\/v[35]\/([^/]+)/.exec(pathname)?.[1] ?? '';
}
