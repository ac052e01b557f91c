import type { IncomingHttpHeaders } from 'node:http';
import { apigProblem, invalidProject, type Problem } from './errors.js';

/** A tenant the simulator serves: its 32-hex project ID and the IAM token that unlocks it. */
export interface SimulatorProject {
  projectId: string;
  token: string;
}

export type Credential = 'token' | 'none';

export type AuthResult = { ok: true; credential: Credential } | { ok: false; credential: Credential; problem: Problem };

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Token auth as APIG + DRS answer it: no token → 401 APIG.0301 "not found", a token we never
 * issued → 401 APIG.0301 "decrypt token fail", a valid token on another project's path → 403
 * DRS.M00261. AK/SK signing would slot in here as a second credential kind.
 */
export function authenticate(
  headers: IncomingHttpHeaders,
  projectId: string,
  projects: readonly SimulatorProject[],
  requestId: string,
): AuthResult {
  const token = header(headers, 'x-auth-token');
  if (!token) {
    const msg = 'Incorrect IAM authentication information: x-auth-token not found';
    return { ok: false, credential: 'none', problem: apigProblem(401, 'APIG.0301', msg, requestId) };
  }
  const owner = projects.find((p) => p.token === token);
  if (!owner) {
    const msg = 'Incorrect IAM authentication information: decrypt token fail';
    return { ok: false, credential: 'token', problem: apigProblem(401, 'APIG.0301', msg, requestId) };
  }
  if (owner.projectId !== projectId) return { ok: false, credential: 'token', problem: invalidProject() };
  return { ok: true, credential: 'token' };
}
