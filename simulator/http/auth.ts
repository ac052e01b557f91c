import type { AkSkCredential } from '../aksk/credentials.js';
import type { Lockout } from '../aksk/lockout.js';
import { headerValue, type SignedRequest, verifyAkSk } from '../aksk/verify.js';
import type { TokenStore } from '../iam/tokens.js';
import type { CredentialKind } from './call-log.js';
import { apigProblem, invalidProject, type Problem } from './errors.js';

/** A tenant the simulator serves: its 32-hex project ID and the IAM token that unlocks it. */
export interface SimulatorProject {
  projectId: string;
  token: string;
}

export type AuthResult =
  | {
      ok: true;
      credential: CredentialKind;
      /** Who is calling, for per-credential rate limits: the token or the AK. */
      identity: string;
      ak?: string;
    }
  | { ok: false; credential: CredentialKind; ak?: string; problem: Problem };

export interface AuthContext {
  projects: readonly SimulatorProject[];
  credentials: readonly AkSkCredential[];
  lockout: Lockout;
  lockoutEnabled: boolean;
  simNow: number;
  wallNow: number;
  /** Tokens the simulated IAM issued: valid until their expires_at on the simulated clock. */
  iamTokens?: TokenStore;
  requestId: string;
}

/** The credential kind a request presents (before any check): a signature wins over a token. */
export function credentialKind(headers: SignedRequest['headers']): CredentialKind {
  if (headerValue(headers, 'authorization') !== undefined) return 'aksk';
  return headerValue(headers, 'x-auth-token') ? 'token' : 'none';
}

function akSk(req: SignedRequest, projectId: string, ctx: AuthContext): AuthResult {
  const verified = verifyAkSk(req, ctx);
  if (!verified.ok) return { ok: false, credential: 'aksk', problem: verified.problem, ak: verified.ak };
  const { ak, projectIds } = verified.credential;
  // The SDKs send X-Project-Id with AK/SK; it must name the path's project, which the AK must serve.
  const headerProject = headerValue(req.headers, 'x-project-id');
  const allowed = projectIds.includes(projectId) && (headerProject === undefined || headerProject === projectId);
  if (!allowed) return { ok: false, credential: 'aksk', ak, problem: invalidProject() };
  return { ok: true, credential: 'aksk', identity: `ak:${ak}`, ak };
}

/**
 * Authenticates as APIG + DRS answer it. Tokens: none → 401 APIG.0301 "x-auth-token not found",
 * one we never issued (or revoked) → 401 "decrypt token fail", an IAM-issued one past its expires_at
 * → 401 "token expires", a valid token on another project's path → 403 DRS.M00261. AK/SK (`Authorization: SDK-HMAC-SHA256 …`): see aksk/verify.ts.
 */
export function authenticate(req: SignedRequest, projectId: string, ctx: AuthContext): AuthResult {
  const kind = credentialKind(req.headers);
  if (kind === 'aksk') return akSk(req, projectId, ctx);
  const token = headerValue(req.headers, 'x-auth-token');
  if (!token) {
    const msg = 'Incorrect IAM authentication information: x-auth-token not found';
    return { ok: false, credential: 'none', problem: apigProblem(401, 'APIG.0301', msg, ctx.requestId) };
  }
  const owner = ctx.projects.find((p) => p.token === token);
  const issued = owner ? undefined : ctx.iamTokens?.find(token);
  if (issued) {
    if (ctx.simNow >= issued.expiresAt) {
      const msg = `Incorrect IAM authentication information: token expires, expires_at: ${new Date(issued.expiresAt).toISOString()}`;
      return { ok: false, credential: 'token', problem: apigProblem(401, 'APIG.0301', msg, ctx.requestId) };
    }
    if (issued.projectId !== projectId) return { ok: false, credential: 'token', problem: invalidProject() };
    return { ok: true, credential: 'token', identity: `token:${token}` };
  }
  if (!owner) {
    const msg = 'Incorrect IAM authentication information: decrypt token fail';
    return { ok: false, credential: 'token', problem: apigProblem(401, 'APIG.0301', msg, ctx.requestId) };
  }
  if (owner.projectId !== projectId) return { ok: false, credential: 'token', problem: invalidProject() };
  return { ok: true, credential: 'token', identity: `token:${token}` };
}
