import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentials } from '../../simulator/aksk/credentials.js';
import { defaultProjects } from '../../simulator/data/projects.js';
import { post, serveWs, tempFile, type WsGateway } from '../support/auth-helpers.js';
import { type Harness, startHarness } from '../support/harness.js';

const JOB = `query($id: ID!) { job(id: $id) { id name } }`;
const [projectA, projectB] = defaultProjects(1) as [{ projectId: string; token: string }, { projectId: string }];
const akA = defaultCredentials(1, [projectA.projectId, projectB.projectId])[0]!;

const sha256 = (key: string) => createHash('sha256').update(key).digest('hex');
const keyA = randomBytes(32).toString('hex');
const keyOps = randomBytes(32).toString('hex');

let h: Harness;
let ws: WsGateway;
let keysFile: string;
beforeAll(async () => {
  keysFile = tempFile(
    'keys.json',
    JSON.stringify({
      [sha256(keyA)]: { name: 'dashboard-a', projects: [projectA.projectId] },
      // Upper-case hex is read as the same digest.
      [sha256(keyOps).toUpperCase()]: { name: 'ops', projects: ['*'], credentialSet: 'ops' },
    }),
  );
  const sets = tempFile('sets.json', JSON.stringify({ ops: { ak: akA.ak, sk: akA.sk } }));
  h = await startHarness({ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: keysFile, AUTH_CREDENTIAL_SETS_FILE: sets });
  ws = await serveWs(h);
});
afterAll(async () => {
  await ws.close();
  await h.close();
});

const jobOf = (projectId: string) => ({ id: h.sim.jobIds(projectId, 1)[0]! });

describe('AUTH_MODE=api-key over HTTP', () => {
  it('serves a known key for its project with the server credential, one DRS call', async () => {
    const res = await post(h, JOB, jobOf(projectA.projectId), { 'x-api-key': keyA });
    expect(res.status).toBe(200);
    expect(res.body.data.job.id).toBe(jobOf(projectA.projectId).id);
    expect(h.calls().map((c) => [c.api, c.credential, c.status])).toEqual([['batch-detail', 'token', 200]]);
  });

  it.each([
    ['an unknown key', { 'x-api-key': randomBytes(32).toString('hex') }],
    ["the key's SHA-256 itself (what the file holds)", { 'x-api-key': sha256(keyA) }],
    ['no key', {}],
    ['only an X-Auth-Token (no bypass)', { 'x-auth-token': projectA.token }],
    ['the key as a bearer token (not the scheme)', { authorization: `Bearer ${keyA}` }],
  ])('refuses %s: 401 UNAUTHENTICATED, no DRS call', async (_, headers) => {
    const res = await post(h, JOB, jobOf(projectA.projectId), headers);
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('ApiKey realm="drs-gateway"');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(h.sim.calls).toHaveLength(0);
  });

  it('refuses a project the key does not grant: 403 FORBIDDEN, no DRS call', async () => {
    const res = await post(h, JOB, jobOf(projectB.projectId), {
      'x-api-key': keyA,
      'x-project-id': projectB.projectId,
    });
    expect(res.status).toBe(403);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.sim.calls).toHaveLength(0);
  });

  it("uses the key's credential set: the simulator sees that set's AK", async () => {
    const res = await post(h, JOB, jobOf(projectA.projectId), { 'x-api-key': keyOps });
    expect(res.body.data.job.id).toBe(jobOf(projectA.projectId).id);
    expect(h.calls().map((c) => [c.credential, c.ak, c.status])).toEqual([['aksk', akA.ak, 200]]);
  });
});

describe('AUTH_MODE=api-key over graphql-ws (the key in connectionParams)', () => {
  it('serves a known key, refuses an unknown one and a project it does not grant, with no DRS call', async () => {
    h.sim.resetCalls();
    const good = await ws.first(JOB, jobOf(projectA.projectId), { 'X-Api-Key': keyA });
    expect(good.data.job.id).toBe(jobOf(projectA.projectId).id);
    expect(h.calls()).toHaveLength(1);
    h.sim.resetCalls();
    const unknown = await ws.first(JOB, jobOf(projectA.projectId), { 'X-Api-Key': 'nope' });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const other = await ws.first(JOB, jobOf(projectB.projectId), {
      'X-Api-Key': keyA,
      'X-Project-Id': projectB.projectId,
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.sim.calls).toHaveLength(0);
  });
});

describe('API keys rotate without a restart (AUTH_API_KEYS_RELOAD_MS)', () => {
  it('serves a key added to the file and refuses one taken out, and keeps the keys when the file breaks', async () => {
    const file = tempFile('rotating-keys.json', JSON.stringify({ [sha256(keyA)]: { projects: [projectA.projectId] } }));
    const r = await startHarness({ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: file, AUTH_API_KEYS_RELOAD_MS: '100' });
    const keyNew = randomBytes(32).toString('hex');
    // The status, and the DRS calls the request made (one batch-detail when served, none when refused).
    const ask = async (key: string) => {
      const res = await post(r, JOB, jobOf(projectA.projectId), { 'x-api-key': key });
      return `${res.status} ${r.calls().length}`;
    };
    const later = () => new Promise((resolve) => setTimeout(resolve, 150));
    const { writeFileSync } = await import('node:fs');
    try {
      expect(await ask(keyA)).toBe('200 1');
      expect(await ask(keyNew)).toBe('401 0');
      // Rotate: the new key in, the old one out.
      writeFileSync(file, JSON.stringify({ [sha256(keyNew)]: { projects: [projectA.projectId] } }));
      await later();
      expect(await ask(keyNew)).toBe('200 1');
      expect(await ask(keyA)).toBe('401 0');
      // A half-written file keeps the keys read before.
      writeFileSync(file, '{"broken');
      await later();
      expect(await ask(keyNew)).toBe('200 1');
    } finally {
      await r.close();
    }
  });
});
