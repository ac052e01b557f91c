import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import type { AkSkCredential, Simulator } from '../../simulator/index.js';

/** One HTTP answer of the simulator, parsed when it is JSON. */
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  requestId: string | null;
  text: string;
  json: T;
}

export interface CallInit {
  method?: string;
  body?: unknown;
  /** Bytes to send as they are (broken JSON, …). */
  raw?: string;
  /** Token to send; undefined = the first project's, null = none. */
  token?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export async function answerOf<T>(res: Response): Promise<Answer<T>> {
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    requestId: res.headers.get('x-request-id'),
    text,
    json: parse(text) as T,
  };
}

/** A request with a token (POST with a JSON body by default; GET sends none). */
export async function call<T = any>(sim: Simulator, path: string, init: CallInit = {}): Promise<Answer<T>> {
  const token = init.token === undefined ? sim.projects[0]?.token : init.token;
  const method = init.method ?? 'POST';
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
  if (token !== null && token !== undefined) headers['X-Auth-Token'] = token;
  const body = method === 'GET' ? undefined : (init.raw ?? JSON.stringify(init.body ?? {}));
  return answerOf<T>(await fetch(`${sim.url}${path}`, { method, headers, body, signal: init.signal ?? null }));
}

export const get = <T = any>(sim: Simulator, path: string, init: CallInit = {}) =>
  call<T>(sim, path, { ...init, method: 'GET' });

export interface SignedInit {
  method?: string;
  /** Path with the real project ID (the SDK's own `{project_id}` substitution is not used). */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent with X-Project-Id as the SDKs do (default: the path's project). */
  projectId?: string | null;
  /** Change the signed request before it is sent (tamper tests). */
  tamper?: (req: { path: string; query: string; headers: Record<string, string>; body: string | undefined }) => void;
}

/**
 * Signs a request with the official Huawei Cloud Node.js SDK (BasicCredentials →
 * AKSKSigner, the SDK's own flow: X-Project-Id, X-Security-Token, X-Sdk-Date, host) and sends
 * exactly what was signed.
 */
export async function signedCall<T = any>(sim: Simulator, cred: AkSkCredential, init: SignedInit): Promise<Answer<T>> {
  const method = init.method ?? (init.body === undefined ? 'GET' : 'POST');
  const credentials = new BasicCredentials().withAk(cred.ak).withSk(cred.sk);
  const projectId = init.projectId === undefined ? /^\/v[35]\/([^/]+)/.exec(init.path)?.[1] : init.projectId;
  if (projectId !== null && projectId !== undefined) credentials.withProjectId(projectId);
  if (cred.securityToken !== undefined) credentials.withSecurityToken(cred.securityToken);
  const request: any = {
    endpoint: sim.url,
    url: init.path,
    method,
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    queryParams: init.query ?? {},
    data: init.body,
  };
  const signed = await credentials.processAuthRequest(null as never, request);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(signed.headers as Record<string, string>)) {
    // fetch sets Host itself, to the same host:port the signer saw.
    if (k.toLowerCase() !== 'host') headers[k] = String(v);
  }
  const req = {
    path: init.path,
    query: new URLSearchParams(init.query ?? {}).toString(),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  };
  init.tamper?.(req);
  const url = `${sim.url}${req.path}${req.query ? `?${req.query}` : ''}`;
  return answerOf<T>(await fetch(url, { method, headers: req.headers, body: req.body }));
}

/** The first permanent AK/SK bound to `projectId`. */
export function permanentKey(sim: Simulator, projectId: string): AkSkCredential {
  const key = sim.credentials.find((c) => c.securityToken === undefined && c.projectIds.includes(projectId));
  if (!key) throw new Error(`no AK for ${projectId}`);
  return key;
}

export function temporaryKey(sim: Simulator): AkSkCredential {
  const key = sim.credentials.find((c) => c.securityToken !== undefined);
  if (!key) throw new Error('no temporary AK');
  return key;
}

/** An APIG.0301 body with the given message and the answer's own request ID. */
export const iamError = (a: Answer, message: string) => ({
  error_msg: `Incorrect IAM authentication information: ${message}`,
  error_code: 'APIG.0301',
  request_id: a.requestId,
});
