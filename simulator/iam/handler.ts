import { hashHex } from '../data/rng.js';
import type { Reply } from '../v3/batch.js';
import type { TokenStore } from './tokens.js';
import type { IamUser } from './users.js';

export interface IamRequest {
  /** Parsed JSON body, or undefined when the bytes were not JSON. */
  body: unknown;
  query: URLSearchParams;
  users: readonly IamUser[];
  /** Every project the simulator serves, in order (their names are derived from it). */
  projectIds: readonly string[];
  tokens: TokenStore;
  /** Simulated epoch ms. */
  now: number;
}

/** Projects are named after their region, as Huawei names them; the second and later get a suffix. */
export function projectName(index: number): string {
  return index === 0 ? 'cn-north-4' : `cn-north-4_sim${index + 1}`;
}

/** IAM's own error body for a bad request (IAM error codes page: `IAM.0011`, `IAM.0072`, `IAM.0007`). */
const iamError = (code: string, msg: string): Reply => ({
  status: 400,
  body: { error_msg: msg, error_code: code },
  outcome: 'bad-request',
});

/** What IAM answers a wrong user, password or domain: Keystone's shape (seen on OTC's IAM). */
const unauthorized = (message: string): Reply => ({
  status: 401,
  body: { error: { message, code: 401, title: 'Unauthorized' } },
  outcome: 'auth',
});

type Json = Record<string, unknown>;
const obj = (value: unknown): Json | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Keystone writes microseconds: `2026-01-16T08:00:00.000000Z`. */
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/**
 * `POST /v3/auth/tokens`, password method: 201 with the token in `X-Subject-Token` and its life in
 * `token.expires_at`, scoped to a project by id or name (or to the account: DRS then refuses it).
 */
export function handleIamTokens(req: IamRequest): Reply & { projectId?: string } {
  const auth = obj(obj(req.body)?.auth);
  if (!auth) return iamError('IAM.0011', 'Request body is invalid.');
  const identity = obj(auth.identity);
  const methods = identity?.methods;
  if (!Array.isArray(methods) || !methods.includes('password'))
    return iamError('IAM.0007', 'Request parameter auth.identity.methods is invalid.');
  const user = obj(obj(identity?.password)?.user);
  const name = str(user?.name);
  const password = str(user?.password);
  const domain = str(obj(user?.domain)?.name);
  for (const [key, value] of [
    ['name', name],
    ['password', password],
    ['domain', domain],
  ] as const)
    if (value === undefined) return iamError('IAM.0072', `'${key}' is a required property.`);
  const found = req.users.find((u) => u.domain === domain && u.name === name && u.password === password);
  if (!found) return unauthorized('The username or password is wrong.');
  const scope = obj(obj(auth.scope)?.project);
  const scopeId = str(scope?.id);
  const scopeName = str(scope?.name);
  const index = req.projectIds.findIndex((id, i) => id === scopeId || projectName(i) === scopeName);
  const projectId = index >= 0 ? req.projectIds[index] : undefined;
  if (scope && (projectId === undefined || !found.projectIds.includes(projectId)))
    return unauthorized('The request you have made requires authentication.');
  const issued = req.tokens.issue(projectId ?? '', req.now);
  const domainRef = { id: hashHex(32, 'domain', found.domain), name: found.domain };
  const token: Json = {
    methods: ['password'],
    expires_at: iso(issued.expiresAt),
    issued_at: iso(issued.issuedAt),
    user: {
      domain: domainRef,
      id: hashHex(32, 'user', found.domain, found.name),
      name: found.name,
      password_expires_at: '',
    },
    roles: [{ name: 'te_admin', id: '0' }],
  };
  if (projectId !== undefined) token.project = { domain: domainRef, id: projectId, name: projectName(index) };
  else token.domain = domainRef;
  // Any non-empty value of `nocatalog` drops the catalog (IAM's own wording).
  if (str(req.query.get('nocatalog')) === undefined) token.catalog = [];
  const reply: Reply & { projectId?: string } = {
    status: 201,
    body: { token },
    headers: { 'X-Subject-Token': issued.token },
    outcome: 'ok',
  };
  if (projectId !== undefined) reply.projectId = projectId;
  return reply;
}
