import { DRS_APIS, type DrsApi, IAM_TOKEN } from '../../src/drs/apis.js';

/**
 * Which API a request was routed to: a DRS API of the gateway's table, IAM's `POST /v3/auth/tokens`
 * (the simulator plays IAM too), or `unknown` when no route matched.
 */
export type ApiName = DrsApi | typeof IAM_TOKEN.name | 'unknown';

/** The routed API names: the DRS APIs in the order the docs list them, then IAM. */
export const API_NAMES: readonly Exclude<ApiName, 'unknown'>[] = [...DRS_APIS, IAM_TOKEN.name];

/**
 * How a request ended: `ok` answered with results (some may be per-item errors), `auth` rejected
 * by credential checks, `bad-request` rejected by validation, `not-found` unknown route
 * (api `unknown`), a page answered 400 for unknown jobs (with a `{count, results}` body) or an
 * unknown v5 job / async batch, `throttled` refused by the per-credential rate limit, `fault` a
 * scripted fault replaced the answer (see `fault`).
 */
export type CallOutcome = 'ok' | 'auth' | 'bad-request' | 'not-found' | 'throttled' | 'fault';

/** Which credential the request carried (an AK/SK signature wins over a token). */
export type CredentialKind = 'token' | 'aksk' | 'none';

/** One request as the simulator saw it; tests assert batching behaviour on these. */
export interface CallRecord {
  api: ApiName;
  method: string;
  path: string;
  /** Project segment of the path ('' when the path has none). */
  projectId: string;
  /**
   * Job IDs as sent (non-strings JSON-encoded; [] when the body had no jobs array); for
   * progress-data the `{job_id}` of the path.
   */
  jobs: string[];
  type?: string;
  pageReq?: object;
  /** v5 query parameters as sent (offset, limit, …). */
  query?: Record<string, string>;
  asyncJobId?: string;
  /** job-list's request body as sent (its filters and paging). */
  listReq?: object;
  /** 0 when no HTTP answer was sent (connection reset, hang). */
  status: number;
  credential: CredentialKind;
  /** The access key of an AK/SK-signed request. */
  ak?: string;
  outcome: CallOutcome;
  /** The scripted fault applied, e.g. `429:1`, `reset`, `hang`, `duplicate`, `latency:120`. */
  fault?: string;
  requestId: string;
  /** The caller's own `X-Request-Id`, when it sent one (a gateway passes its request's id on). */
  clientRequestId?: string;
  /** The W3C `traceparent` header, when the caller sent one. */
  traceparent?: string;
  /** Epoch ms (wall clock) when the request arrived. */
  at: number;
}

/** Pulls the loggable parts out of a body that may be anything, even unparsable. */
export function describeBody(body: unknown): { jobs: string[]; pageReq?: object } {
  if (typeof body !== 'object' || body === null) return { jobs: [] };
  const { jobs, page_req: pageReq } = body as { jobs?: unknown; page_req?: unknown };
  const ids = Array.isArray(jobs) ? jobs.map((j) => (typeof j === 'string' ? j : JSON.stringify(j))) : [];
  return typeof pageReq === 'object' && pageReq !== null ? { jobs: ids, pageReq } : { jobs: ids };
}
