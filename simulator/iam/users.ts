import { hashHex } from '../data/rng.js';

/** An IAM user of the simulated account: what `POST /v3/auth/tokens` checks (password method). */
export interface IamUser {
  /** The account (domain) name that created the user. */
  domain: string;
  name: string;
  password: string;
  /** Projects a token of this user may be scoped to; others are refused. */
  projectIds: string[];
}

/** One user, derived from the seed, who may work in every project (as an account's admin group would). */
export function defaultIamUsers(seed: number, projectIds: readonly string[]): IamUser[] {
  return [
    {
      domain: 'sim-account',
      name: 'sim-user',
      password: `Sim-${hashHex(16, 'iam-password', seed)}!`,
      projectIds: [...projectIds],
    },
  ];
}

/** Throws unless every user is named, has a password, and names only served projects. */
export function checkIamUsers(users: readonly IamUser[], projectIds: readonly string[]): void {
  const known = new Set(projectIds);
  for (const u of users) {
    if (!u.domain || !u.name || !u.password) throw new RangeError('an IAM user needs a domain, a name and a password');
    for (const p of u.projectIds)
      if (!known.has(p)) throw new RangeError(`IAM user ${u.name} names unknown project ${p}`);
  }
  if (new Set(users.map((u) => `${u.domain}/${u.name}`)).size !== users.length)
    throw new RangeError('IAM users must be distinct per domain');
}
