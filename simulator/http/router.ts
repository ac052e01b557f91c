import { DRS_API, DRS_APIS, type DrsApi, IAM_TOKEN } from '../../src/drs/apis.js';
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

type Field = 'projectId' | 'type' | 'jobId' | 'asyncJobId';

/** Where each path parameter of the table's templates lands in a Route. */
const FIELDS: Readonly<Record<string, Field>> = {
  project_id: 'projectId',
  type: 'type',
  job_id: 'jobId',
  async_job_id: 'asyncJobId',
};

interface Compiled {
  api: DrsApi;
  method: string;
  pattern: RegExp;
  /** The Route field of each captured segment, in path order. */
  fields: Field[];
}

/** A row's template as a pattern: each `{name}` is one non-empty segment, the rest is literal. */
function compile(api: DrsApi): Compiled {
  const { method, template } = DRS_API[api];
  const fields: Field[] = [];
  const parts = template.split(/(\{\w+\})/).map((part) => {
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const field = FIELDS[name];
    if (field === undefined)
      throw new Error(`simulator/http/router.ts has no Route field for {${name}} of ${template}`);
    fields.push(field);
    return '([^/]+)';
  });
  return { api, method, pattern: new RegExp(`^${parts.join('')}$`), fields };
}

/** One route per row of the gateway's DRS API table: the simulator serves exactly what the gateway calls. */
const ROUTES: readonly Compiled[] = DRS_APIS.map(compile);

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
  if (method === IAM_TOKEN.method && pathname === IAM_TOKEN.path) return { api: IAM_TOKEN.name, projectId: '' };
  for (const { api, method: verb, pattern, fields } of ROUTES) {
    if (verb !== method) continue;
    const m = pattern.exec(pathname);
    if (!m) continue;
    const decoded = m.slice(1).map(decode);
    if (decoded.some((s) => s === undefined)) return undefined;
    const route: Route = { api, projectId: '' };
    for (const [i, field] of fields.entries()) route[field] = decoded[i] as string;
    return route;
  }
  return undefined;
}

/** Best-effort project segment for logging requests that matched no route. */
export function projectSegment(pathname: string): string {
  return /^\/v[35]\/([^/]+)/.exec(pathname)?.[1] ?? '';
}
