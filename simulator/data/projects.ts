import type { SimulatorProject } from '../http/auth.js';
import { hashHex } from './rng.js';

const PROJECT_ID = /^[0-9a-f]{32}$/;

/** Two tenants derived from the seed, so tests can prove projects never see each other's jobs. */
export function defaultProjects(seed: number): SimulatorProject[] {
  return [1, 2].map((n) => ({
    projectId: hashHex(32, 'project', seed, n),
    // IAM tokens start with "MII"; the rest only needs to be unguessable-looking and stable.
    token: `MIIsim${n}-${hashHex(40, 'token', seed, n)}`,
  }));
}

/** Throws unless every project has a 32-hex ID and a token, and none are shared. */
export function checkProjects(projects: readonly SimulatorProject[]): void {
  if (projects.length === 0) throw new RangeError('simulator needs at least one project');
  for (const { projectId, token } of projects) {
    if (!PROJECT_ID.test(projectId))
      throw new RangeError(`project ID must be 32 lowercase hex characters: ${projectId}`);
    if (typeof token !== 'string' || token.length === 0)
      throw new RangeError(`project ${projectId} needs a non-empty token`);
  }
  if (new Set(projects.map((p) => p.projectId)).size !== projects.length)
    throw new RangeError('project IDs must be distinct');
  if (new Set(projects.map((p) => p.token)).size !== projects.length) throw new RangeError('tokens must be distinct');
}
