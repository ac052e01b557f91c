import { hashHex } from '../data/rng.js';

/**
 * An access key as IAM issues it. Permanent keys sign alone; temporary ones (from a security
 * token request) must also send their `X-Security-Token`. An AK may act on several projects.
 */
export interface AkSkCredential {
  ak: string;
  sk: string;
  /** Projects whose paths this AK may call; others answer 403 DRS.M00261. */
  projectIds: string[];
  /** Set for temporary credentials: the X-Security-Token the request must carry and sign. */
  securityToken?: string;
}

const AK_SHAPE = /^[A-Z0-9]{4,64}$/;

function upperAlnum(length: number, ...parts: (string | number)[]): string {
  return hashHex(length, ...parts).toUpperCase();
}

/**
 * One permanent AK per project (20 upper-case characters, like IAM's) and one temporary AK
 * with a security token valid for every project, all derived from the seed.
 */
export function defaultCredentials(seed: number, projectIds: readonly string[]): AkSkCredential[] {
  const permanent = projectIds.map((projectId, i) => ({
    ak: `SIM${upperAlnum(17, 'ak', seed, i)}`,
    sk: `${hashHex(40, 'sk', seed, i)}`,
    projectIds: [projectId],
  }));
  const temporary: AkSkCredential = {
    ak: `SIMT${upperAlnum(16, 'temp-ak', seed)}`,
    sk: hashHex(40, 'temp-sk', seed),
    projectIds: [...projectIds],
    // Real tokens are long opaque base64; the length matters to header-size handling only.
    securityToken: `gQpjbi1ub3J0aC00${Buffer.from(hashHex(64, 'security-token', seed).repeat(4)).toString('base64')}`,
  };
  return [...permanent, temporary];
}

/** Throws unless every AK is well-formed, unique, has an SK and only names served projects. */
export function checkCredentials(credentials: readonly AkSkCredential[], projectIds: readonly string[]): void {
  const known = new Set(projectIds);
  for (const c of credentials) {
    if (!AK_SHAPE.test(c.ak)) throw new RangeError(`AK must be 4–64 upper-case letters or digits: ${c.ak}`);
    if (typeof c.sk !== 'string' || c.sk.length === 0) throw new RangeError(`AK ${c.ak} needs a non-empty SK`);
    if (!Array.isArray(c.projectIds) || c.projectIds.length === 0)
      throw new RangeError(`AK ${c.ak} must be bound to at least one project`);
    for (const p of c.projectIds) if (!known.has(p)) throw new RangeError(`AK ${c.ak} names unknown project ${p}`);
    if (c.securityToken !== undefined && c.securityToken.length === 0)
      throw new RangeError(`AK ${c.ak}: securityToken must not be empty`);
  }
  if (new Set(credentials.map((c) => c.ak)).size !== credentials.length) throw new RangeError('AKs must be distinct');
}
