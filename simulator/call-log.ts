/** Which DRS API a request was routed to; `unknown` when no route matched. */
export type ApiName = 'batch-detail' | 'batch-progress' | 'batch-struct-detail' | 'unknown';

/**
 * How a request ended: `ok` answered with results (some may be per-item errors), `auth` rejected
 * by token checks, `bad-request` rejected by validation, `not-found` unknown route
 * (api `unknown`) or a page answered 400 for unknown jobs (with a `{count, results}` body).
 */
export type CallOutcome = 'ok' | 'auth' | 'bad-request' | 'not-found';

/** One request as the simulator saw it; tests assert batching behaviour on these. */
export interface CallRecord {
  api: ApiName;
  method: string;
  path: string;
  /** Project segment of the path ('' when the path has none). */
  projectId: string;
  /** Job IDs as sent (non-strings JSON-encoded; [] when the body had no jobs array). */
  jobs: string[];
  type?: string;
  pageReq?: object;
  status: number;
  credential: 'token' | 'none';
  outcome: CallOutcome;
  requestId: string;
  /** Epoch ms when the request arrived. */
  at: number;
}

/** Pulls the loggable parts out of a body that may be anything, even unparsable. */
export function describeBody(body: unknown): { jobs: string[]; pageReq?: object } {
  if (typeof body !== 'object' || body === null) return { jobs: [] };
  const { jobs, page_req: pageReq } = body as { jobs?: unknown; page_req?: unknown };
  const ids = Array.isArray(jobs) ? jobs.map((j) => (typeof j === 'string' ? j : JSON.stringify(j))) : [];
  return typeof pageReq === 'object' && pageReq !== null ? { jobs: ids, pageReq } : { jobs: ids };
}
