import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EPOCH_ANCHOR_MS, type Simulator } from '../../simulator/index.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { answerOf, call } from '../support/simulator-helpers.js';

const DAY_MS = 24 * 3_600_000;
let sim: Simulator;
let pid: string;
let other: string;

/** The documented request body (password method), scoped as asked. */
function tokenBody(over: { name?: string; password?: string; domain?: string; scope?: object } = {}) {
  const user = sim.iamUsers[0]!;
  return {
    auth: {
      identity: {
        methods: ['password'],
        password: {
          user: {
            name: over.name ?? user.name,
            password: over.password ?? user.password,
            domain: { name: over.domain ?? user.domain },
          },
        },
      },
      scope: over.scope ?? { project: { id: pid } },
    },
  };
}

const askToken = async (body: unknown, query = '') =>
  answerOf<any>(
    await fetch(`${sim.url}/v3/auth/tokens${query}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json;charset=utf8' },
      body: JSON.stringify(body),
    }),
  );

const detail = (token: string | null, project = pid) =>
  call(sim, `/v3/${project}/jobs/batch-detail`, { body: { jobs: sim.jobIds(project, 1) }, token });

const started = useSimulator({ clock: 'manual', releasedRate: 0 });
beforeAll(() => {
  ({ sim, pid } = started);
  other = sim.projects[1]!.projectId;
});
beforeEach(() => sim.resetCalls());

describe('simulated IAM: POST /v3/auth/tokens', () => {
  it('answers 201 with the token in X-Subject-Token and a 24 h life on the simulated clock', async () => {
    const issuedAt = sim.clock.now();
    const a = await askToken(tokenBody());
    expect(a.status).toBe(201);
    const token = a.headers.get('x-subject-token');
    expect(token).toMatch(/^MII[\w-]{40,}$/);
    expect(a.json.token).toMatchObject({
      methods: ['password'],
      issued_at: new Date(issuedAt).toISOString().replace('Z', '000Z'),
      expires_at: new Date(issuedAt + DAY_MS).toISOString().replace('Z', '000Z'),
      project: { id: pid, name: 'cn-north-4' },
      user: { name: sim.iamUsers[0]!.name, domain: { name: sim.iamUsers[0]!.domain } },
      catalog: [],
    });
    // The token is in the header only; `nocatalog` drops the catalog.
    expect(a.text).not.toContain(token);
    expect((await askToken(tokenBody(), '?nocatalog=true')).json.token.catalog).toBeUndefined();
    // A project may be named instead (Huawei names projects after their region).
    const byName = await askToken(tokenBody({ scope: { project: { name: 'cn-north-4_sim2' } } }));
    expect(byName.json.token.project.id).toBe(other);
    expect(sim.calls.map((c) => [c.api, c.projectId, c.credential, c.status, c.outcome])).toEqual([
      ['iam-token', pid, 'none', 201, 'ok'],
      ['iam-token', pid, 'none', 201, 'ok'],
      ['iam-token', other, 'none', 201, 'ok'],
    ]);
    // The call log never holds the password or a token.
    expect(JSON.stringify(sim.calls)).not.toContain(sim.iamUsers[0]!.password);
    expect(JSON.stringify(sim.calls)).not.toContain(token);
  });

  it('DRS accepts an issued token on its project until expires_at, then answers APIG.0301 token expires', async () => {
    const a = await askToken(tokenBody());
    const token = a.headers.get('x-subject-token')!;
    expect((await detail(token)).status).toBe(200);
    const wrongProject = await detail(token, other);
    expect([wrongProject.status, wrongProject.json.error_code]).toEqual([403, 'DRS.M00261']);
    sim.clock.advance(DAY_MS - 1);
    expect((await detail(token)).status).toBe(200);
    sim.clock.advance(1);
    const expired = await detail(token);
    expect(expired.status).toBe(401);
    expect(expired.json).toEqual({
      error_code: 'APIG.0301',
      error_msg: `Incorrect IAM authentication information: token expires, expires_at: ${new Date(Date.parse(a.json.token.expires_at)).toISOString()}`,
      request_id: expired.requestId,
    });
    // A new token is issued on the moved clock.
    const fresh = await askToken(tokenBody());
    expect(Date.parse(fresh.json.token.issued_at)).toBe(sim.clock.now());
    expect((await detail(fresh.headers.get('x-subject-token'))).status).toBe(200);
    expect(sim.clock.now()).toBeGreaterThan(EPOCH_ANCHOR_MS);
  });

  it('revoked tokens are refused as unknown ones, the projects’ own tokens still work', async () => {
    const token = (await askToken(tokenBody())).headers.get('x-subject-token')!;
    sim.revokeIamTokens();
    const refused = await detail(token);
    expect([refused.status, refused.json.error_msg]).toEqual([
      401,
      'Incorrect IAM authentication information: decrypt token fail',
    ]);
    expect((await detail(sim.projects[0]!.token)).status).toBe(200);
  });

  it('a wrong password, user or domain gets IAM’s 401, and no token', async () => {
    for (const wrong of [{ password: 'wrong' }, { name: 'nobody' }, { domain: 'other-account' }]) {
      const a = await askToken(tokenBody(wrong));
      expect(a.status).toBe(401);
      expect(a.json).toEqual({
        error: { message: 'The username or password is wrong.', code: 401, title: 'Unauthorized' },
      });
      expect(a.headers.get('x-subject-token')).toBeNull();
    }
    const unknownProject = await askToken(tokenBody({ scope: { project: { id: 'f'.repeat(32) } } }));
    expect(unknownProject.status).toBe(401);
    expect(sim.calls.map((c) => c.outcome)).toEqual(['auth', 'auth', 'auth', 'auth']);
  });

  it('malformed bodies get IAM’s 400 codes', async () => {
    const cases: [unknown, string, string][] = [
      [{}, 'IAM.0011', 'Request body is invalid.'],
      [
        { auth: { identity: { methods: ['token'] } } },
        'IAM.0007',
        'Request parameter auth.identity.methods is invalid.',
      ],
      [
        { auth: { identity: { methods: ['password'], password: { user: { name: 'a', domain: { name: 'b' } } } } } },
        'IAM.0072',
        "'password' is a required property.",
      ],
    ];
    for (const [body, code, msg] of cases) {
      const a = await askToken(body);
      expect([a.status, a.json]).toEqual([400, { error_code: code, error_msg: msg }]);
    }
  });

  it('an account-scoped token is issued, and DRS refuses it on project paths', async () => {
    const a = await askToken(tokenBody({ scope: { domain: { name: sim.iamUsers[0]!.domain } } }));
    expect(a.status).toBe(201);
    expect(a.json.token.domain.name).toBe(sim.iamUsers[0]!.domain);
    expect((await detail(a.headers.get('x-subject-token'))).status).toBe(403);
  });

  it('scripted faults apply to IAM like any API', async () => {
    sim.faults.set('iam-token', '503,ok');
    expect((await askToken(tokenBody())).status).toBe(503);
    expect((await askToken(tokenBody())).status).toBe(201);
    expect(sim.calls.map((c) => [c.api, c.status, c.fault])).toEqual([
      ['iam-token', 503, '503'],
      ['iam-token', 201, undefined],
    ]);
  });
});
