import type { TokenSource } from './iam-token.js';
import { type AkSk, sha256Hex, signRequest } from './signer.js';

/** How one request proves who it is to DRS; `iam` is the gateway's own renewing token (iam-token.ts). */
export type DrsAuth = SendableAuth | { kind: 'iam'; source: TokenSource };

/** A credential as it goes on the wire: a token or AK/SK, once an `iam` source has given its token. */
export type SendableAuth = { kind: 'token'; token: string } | ({ kind: 'aksk' } & AkSk);

/** Who is calling, and for which project; built per GraphQL request, never shared. */
export interface DrsCredentials {
  projectId: string;
  auth: DrsAuth | undefined;
  language: string;
  /** Aborts upstream work when the GraphQL request ends or its deadline passes. */
  signal?: AbortSignal | undefined;
  /** Epoch ms after which no retry or wait is started. */
  deadline?: number | undefined;
  /** The GraphQL request's id, sent to DRS as `X-Request-Id` so both sides' logs meet. */
  requestId?: string | undefined;
  /** What this caller's calls have cost so far, for its request's log line; the client adds to it. */
  usage?: DrsUsage | undefined;
}

/** DRS work done for one GraphQL request. */
export interface DrsUsage {
  /** HTTP attempts sent (retries included). */
  attempts: number;
  /** Logical calls that failed (after their retries). */
  failures: number;
  /** Attempts the operation may send in all (MAX_DRS_CALLS_PER_OPERATION); past it, calls fail unsent. */
  limit?: number;
  /** Calls started but not yet at their first attempt: each has claimed one from `limit`. */
  reserved?: number;
  /** The one error every call refused past `limit` fails with. */
  refusal?: Error;
}

/**
 * Every header of one request to DRS: language, body type, the caller's request id, and the
 * credential's own (AK/SK signing also covers `X-Project-Id` and the exact body, so it comes last).
 */
export function requestHeaders(
  request: { method: 'GET' | 'POST'; url: URL; body: string },
  who: { auth: SendableAuth; projectId: string; language: string; requestId?: string | undefined },
  now: Date,
): Record<string, string> {
  const headers: Record<string, string> = { 'x-language': who.language };
  if (request.method === 'POST') headers['content-type'] = 'application/json';
  if (who.auth.kind === 'aksk') headers['x-project-id'] = who.projectId;
  if (who.requestId) headers['x-request-id'] = who.requestId;
  return Object.assign(headers, authHeaders(who.auth, { ...request, headers }, now));
}

/** Adds the credential's headers to a request about to be sent (signing covers the exact body). */
export function authHeaders(
  auth: SendableAuth,
  request: { method: string; url: URL; headers: Record<string, string>; body: string },
  now: Date,
): Record<string, string> {
  if (auth.kind === 'token') return { 'x-auth-token': auth.token };
  return signRequest(request, auth, now);
}

/** The credential to send now: an `iam` source's current token (it may wait for IAM), else `auth` itself. */
export async function sendable(auth: DrsAuth): Promise<SendableAuth> {
  return auth.kind === 'iam' ? { kind: 'token', token: await auth.source.token() } : auth;
}

/** A stable key per credential for per-credential limits; never the secret itself. */
export function credentialKey(auth: DrsAuth): string {
  if (auth.kind === 'iam') return `iam:${auth.source.key}`;
  return auth.kind === 'token' ? `token:${sha256Hex(auth.token).slice(0, 24)}` : `aksk:${auth.ak}`;
}
