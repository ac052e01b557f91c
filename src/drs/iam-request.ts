import type { Dispatcher } from 'undici';
import { IAM_TOKEN } from './apis.js';
import { DrsError, LocalCode } from './errors.js';
import { type Exchange, exchange } from './exchange.js';
import { header } from './response.js';

/** One IAM token and its life, on the clock of whoever asked (`now` of `requestIamToken`). */
export interface IamToken {
  token: string;
  obtainedAt: number;
  expiresAt: number;
}

export interface IamTarget {
  /** IAM's base URL, e.g. `https://iam.cn-north-4.myhuaweicloud.com` (a trailing `/v3` is tolerated). */
  endpoint: string;
  user: string;
  password: string;
  domain: string;
  /** The token is scoped to this project: DRS's APIs are project-level services. */
  projectId: string;
  dispatcher: Dispatcher;
  timeoutMs: number;
}

/**
 * IAM `POST /v3/auth/tokens`, password method, project scope (REFERENCE §10.1; IAM API
 * "Obtaining a User Token Through Password Authentication"): the token is the `X-Subject-Token`
 * header of a 201, its end `token.expires_at` in the body. `nocatalog` spares the service catalog,
 * which can run to tens of KB and is not needed. Rejects with a DrsError coded `LOCAL.IAM_*`; its
 * message never holds the password or a token.
 */
export async function requestIamToken(target: IamTarget, now: () => number): Promise<IamToken> {
  const url = new URL(`${target.endpoint.replace(/\/v3$/, '')}${IAM_TOKEN.path}?nocatalog=true`);
  const body = JSON.stringify({
    auth: {
      identity: {
        methods: ['password'],
        password: { user: { name: target.user, password: target.password, domain: { name: target.domain } } },
      },
      scope: { project: { id: target.projectId } },
    },
  });
  const started = now();
  let response: Exchange;
  try {
    response = await exchange(target.dispatcher, {
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: IAM_TOKEN.method,
      headers: { 'content-type': 'application/json;charset=utf8' },
      body,
      headersTimeout: target.timeoutMs,
      bodyTimeout: target.timeoutMs,
      signal: undefined,
    });
  } catch (cause) {
    throw unavailable(0, 'IAM is unreachable', cause);
  }
  const { statusCode } = response;
  const parsed = parseJson(response.text);
  if (statusCode >= 400 && statusCode < 500 && statusCode !== 429) {
    throw new DrsError({
      message: `IAM refused the gateway's credential (DRS_IAM_USER, DRS_IAM_PASSWORD, DRS_IAM_DOMAIN): ${iamMessage(parsed, statusCode)}`,
      status: 401,
      code: LocalCode.iamRejected,
      requestId: header(response, 'x-request-id'),
    });
  }
  if (statusCode < 200 || statusCode >= 300) throw unavailable(statusCode, `IAM answered HTTP ${statusCode}`);
  const token = header(response, 'x-subject-token');
  const times = (parsed as { token?: { expires_at?: unknown; issued_at?: unknown } } | undefined)?.token;
  const expires = typeof times?.expires_at === 'string' ? Date.parse(times.expires_at) : Number.NaN;
  const issued = typeof times?.issued_at === 'string' ? Date.parse(times.issued_at) : Number.NaN;
  // The token's life counted from when we asked, not IAM's clock: a skewed clock cannot make us keep it too long.
  const life = Number.isFinite(issued) ? expires - issued : expires - started;
  if (!token || !(life > 0)) {
    throw unavailable(statusCode, 'IAM answered without a token and its expires_at');
  }
  return { token, obtainedAt: started, expiresAt: started + life };
}

function unavailable(status: number, message: string, cause?: unknown): DrsError {
  return new DrsError({ message, status: status >= 500 ? status : 0, code: LocalCode.iamUnavailable, cause });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Keystone's `{error: {message}}` (what IAM answers a bad password) or Huawei's `{error_msg}`. */
function iamMessage(body: unknown, status: number): string {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, any>;
  const message = record.error?.message ?? record.error_msg;
  return typeof message === 'string' ? message.slice(0, 200) : `HTTP ${status}`;
}
