import { type Dispatcher, request } from 'undici';
import { DrsError, LocalCode } from './errors.js';
import type {
  BatchListJobDetailsResponse,
  BatchListProgressesResponse,
  BatchListStructDetailResponse,
  DrsErrorBody,
  StructDetailType,
} from './types.js';

export interface DrsClientOptions {
  /** Base URL, e.g. `https://drs.cn-north-4.myhuaweicloud.com`, without trailing slash. */
  endpoint: string;
  /** One keep-alive dispatcher shared by every request of the process. */
  dispatcher: Dispatcher;
  /** Time allowed for response headers and, separately, for the body. */
  requestTimeoutMs: number;
}

/** Who is calling, and for which project; built per GraphQL request, never shared. */
export interface DrsCredentials {
  projectId: string;
  authToken: string | undefined;
  language: string;
  /** Aborted when the GraphQL request ends (client gone). */
  signal?: AbortSignal | undefined;
}

export type DrsApi = 'batch-detail' | 'batch-progress' | 'batch-struct-detail';

/** The DRS query APIs, bound to one caller's credentials. */
export interface DrsSession {
  batchDetail(jobIds: readonly string[]): Promise<BatchListJobDetailsResponse>;
  batchProgress(jobIds: readonly string[]): Promise<BatchListProgressesResponse>;
  batchStructDetail(type: StructDetailType, jobIds: readonly string[]): Promise<BatchListStructDetailResponse>;
}

/** One method per DRS API; all HTTP goes through `send`. */
export class DrsClient {
  constructor(private readonly options: DrsClientOptions) {}

  session(credentials: DrsCredentials): DrsSession {
    const project = encodeURIComponent(credentials.projectId);
    // per_page 0 asks for every requested job: the documented default page of 5 would drop the rest.
    const allPages = { cur_page: 1, per_page: 0 };
    return {
      batchDetail: (jobIds) =>
        this.send(credentials, `/v3/${project}/jobs/batch-detail`, { jobs: jobIds, page_req: allPages }),
      batchProgress: (jobIds) => this.send(credentials, `/v3/${project}/jobs/batch-progress`, { jobs: jobIds }),
      batchStructDetail: (type, jobIds) =>
        this.send(credentials, `/v3/${project}/jobs/${type}/batch-struct-detail`, {
          jobs: jobIds,
          page_req: allPages,
        }),
    };
  }

  private async send<T>(credentials: DrsCredentials, path: string, body: unknown): Promise<T> {
    if (credentials.authToken === undefined) {
      throw new DrsError({
        message: 'No DRS credential: send an X-Auth-Token header or configure DRS_AUTH_TOKEN',
        status: 401,
        code: LocalCode.noCredentials,
      });
    }
    const payload = JSON.stringify(body);
    let response: Dispatcher.ResponseData;
    try {
      response = await request(`${this.options.endpoint}${path}`, {
        method: 'POST',
        dispatcher: this.options.dispatcher,
        headers: {
          'content-type': 'application/json',
          'x-auth-token': credentials.authToken,
          'x-language': credentials.language,
        },
        body: payload,
        headersTimeout: this.options.requestTimeoutMs,
        bodyTimeout: this.options.requestTimeoutMs,
        signal: credentials.signal,
      });
    } catch (cause) {
      throw new DrsError({
        message: `DRS is unreachable (${describe(cause)})`,
        status: 0,
        code: LocalCode.network,
        cause,
      });
    }
    return parseResponse<T>(response);
  }
}

async function parseResponse<T>(response: Dispatcher.ResponseData): Promise<T> {
  const requestId = header(response, 'x-request-id');
  let text: string;
  try {
    text = await response.body.text();
  } catch (cause) {
    throw new DrsError({
      message: `DRS answer was cut off (${describe(cause)})`,
      status: response.statusCode,
      code: LocalCode.network,
      requestId,
      cause,
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  // A batch answer keeps its per-item results even on HTTP 400 (every ID unknown): read them item by item.
  if (isObject(parsed) && Array.isArray(parsed.results)) return parsed as T;
  const ok = response.statusCode >= 200 && response.statusCode < 300;
  if (ok) {
    throw new DrsError({
      message: 'DRS answered without a results list',
      status: response.statusCode,
      code: LocalCode.badResponse,
      requestId,
    });
  }
  const error = isObject(parsed) ? (parsed as DrsErrorBody) : {};
  throw new DrsError({
    message: typeof error.error_msg === 'string' ? error.error_msg : `DRS answered HTTP ${response.statusCode}`,
    status: response.statusCode,
    code: typeof error.error_code === 'string' ? error.error_code : undefined,
    requestId: requestId ?? (typeof error.request_id === 'string' ? error.request_id : undefined),
  });
}

function header(response: Dispatcher.ResponseData, name: string): string | undefined {
  const value = response.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(cause: unknown): string {
  if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? cause.code : cause.name;
  return 'unknown error';
}
