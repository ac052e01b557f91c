import { exportSPKI, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCredentials } from '../../simulator/aksk/credentials.js';
import { defaultProjects } from '../../simulator/data/projects.js';
import {
  AUDIENCE,
  createIssuer,
  ISSUER,
  type Issuer,
  type JwksServer,
  post,
  serveJwks,
  tempFile,
} from '../support/auth-helpers.js';
import { type Harness, startHarness } from '../support/harness.js';

const JOB = `query($id: ID!) { job(id: $id) { id name } }`;

// The harness's simulator runs seed 1: its projects and AKs are known before it starts.
const [projectA, projectB] = defaultProjects(1) as [
  { projectId: string; token: string },
  { projectId: string; token: string },
];
const akA = defaultCredentials(1, [projectA.projectId, projectB.projectId])[0]!;

let h: Harness;
let idp: Issuer;
let jwks: JwksServer;
beforeAll(async () => {
  idp = await createIssuer();
  jwks = await serveJwks([idp.publicJwk]);
  const sets = tempFile(
    'sets.json',
    JSON.stringify({ 'team-a-aksk': { ak: akA.ak, sk: akA.sk }, 'team-b': { token: projectB.token } }),
  );
  h = await startHarness({
    AUTH_MODE: 'jwt',
    AUTH_JWKS_URL: jwks.url,
    AUTH_JWT_ISSUER: ISSUER,
    AUTH_JWT_AUDIENCE: AUDIENCE,
    AUTH_CREDENTIAL_SETS_FILE: sets,
  });
});
afterAll(async () => {
  await h.close();
  await jwks.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const jobOf = (projectId: string) => ({ id: h.sim.jobIds(projectId, 1)[0]! });

describe('AUTH_MODE=jwt over HTTP', () => {
  it('serves a valid token for its project with the server credential, one DRS call', async () => {
    expect(h.sim.credentials[0]!.ak).toBe(akA.ak);
    const res = await post(h, JOB, jobOf(h.projectId), bearer(await idp.sign({ drs_projects: [h.projectId] })));
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data.job.id).toBe(jobOf(h.projectId).id);
    expect(h.calls().map((c) => [c.api, c.credential, c.status])).toEqual([['batch-detail', 'token', 200]]);
    expect((await h.served()).fast).toBeGreaterThan(0);
  });

  it('accepts a token that expired within the clock tolerance (30 s)', async () => {
    const token = await idp.sign({ drs_projects: ['*'], exp: Math.floor(Date.now() / 1000) - 10 });
    const res = await post(h, JOB, jobOf(h.projectId), bearer(token));
    expect(res.body.data.job.id).toBe(jobOf(h.projectId).id);
    expect(h.calls()).toHaveLength(1);
  });

  const now = () => Math.floor(Date.now() / 1000);
  it.each([
    ['expired', () => idp.sign({ drs_projects: ['*'], exp: now() - 120 }), /expired/],
    ['for another audience', () => idp.sign({ drs_projects: ['*'], aud: 'another-service' }), /audience/],
    ['from another issuer', () => idp.sign({ drs_projects: ['*'], iss: 'https://evil.example' }), /issuer/],
    ['without an expiry', () => idp.sign({ drs_projects: ['*'], exp: undefined }), /"exp"/],
    ['not valid yet', () => idp.sign({ drs_projects: ['*'], nbf: now() + 600 }), /not valid yet/],
    ['signed by another key under the known kid', () => forged(), /signature/],
    ['signed by an unknown kid', () => idp.sign({ drs_projects: ['*'] }, { kid: 'key-9' }), /key the gateway/],
    [
      'unsigned (alg none)',
      async () =>
        new UnsecuredJWT({ iss: ISSUER, aud: AUDIENCE, drs_projects: ['*'] }).setExpirationTime('5m').encode(),
      /not a valid JWT|algorithm/,
    ],
    ['with a malformed project claim', () => idp.sign({ drs_projects: 'all' }), /drs_projects/],
  ])('refuses a token %s: 401 UNAUTHENTICATED, no DRS call', async (_, token, message) => {
    const res = await post(h, JOB, jobOf(h.projectId), bearer(await token()));
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer realm="drs-gateway"');
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.body.errors?.[0]?.message).toMatch(message);
    expect(res.body.data).toBeUndefined();
    expect(h.sim.calls).toHaveLength(0);
  });

  it.each([
    ['no credential at all', {}],
    ['only an X-Auth-Token (no bypass)', { 'x-auth-token': projectA.token }],
    ['another scheme', { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` }],
    ['a token that is not a JWT', { authorization: 'Bearer not.a.jwt' }],
    ['an oversized token', { authorization: `Bearer ${'a'.repeat(9000)}` }],
  ])('refuses %s: 401 UNAUTHENTICATED, no DRS call', async (_, headers) => {
    const res = await post(h, JOB, jobOf(h.projectId), headers);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(h.sim.calls).toHaveLength(0);
  });

  it('refuses a project the token does not grant (X-Project-Id or the default): 403 FORBIDDEN, no DRS call', async () => {
    const onlyA = bearer(await idp.sign({ drs_projects: [projectA.projectId] }));
    const named = await post(h, JOB, jobOf(projectB.projectId), { ...onlyA, 'x-project-id': projectB.projectId });
    expect(named.status).toBe(403);
    expect(named.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.sim.calls).toHaveLength(0);
    // Bringing B's own token changes nothing: the grant decides which projects a caller may name.
    const forwarded = await post(h, JOB, jobOf(projectB.projectId), {
      ...onlyA,
      'x-project-id': projectB.projectId,
      'x-auth-token': projectB.token,
    });
    expect(forwarded.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.sim.calls).toHaveLength(0);
    const onlyB = bearer(await idp.sign({ drs_projects: [projectB.projectId] }));
    const byDefault = await post(h, JOB, jobOf(projectA.projectId), onlyB);
    expect(byDefault.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const none = await post(h, JOB, jobOf(projectA.projectId), bearer(await idp.sign({})));
    expect(none.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.sim.calls).toHaveLength(0);
  });

  it("uses the credential set the token names: the simulator sees that set's AK, or its token", async () => {
    const aksk = bearer(await idp.sign({ drs_projects: [projectA.projectId], drs_credential_set: 'team-a-aksk' }));
    const signed = await post(h, JOB, jobOf(projectA.projectId), aksk);
    expect(signed.body.data.job.id).toBe(jobOf(projectA.projectId).id);
    expect(h.calls().map((c) => [c.credential, c.ak, c.status])).toEqual([['aksk', akA.ak, 200]]);
    // B's token as a set: the server's own token (A's) would get 403 from DRS on B's path.
    const teamB = bearer(await idp.sign({ drs_projects: ['*'], drs_credential_set: 'team-b' }));
    const other = await post(h, JOB, jobOf(projectB.projectId), { ...teamB, 'x-project-id': projectB.projectId });
    expect(other.body.data.job.id).toBe(jobOf(projectB.projectId).id);
    expect(h.calls().map((c) => [c.projectId, c.credential, c.status])).toEqual([[projectB.projectId, 'token', 200]]);
  });

  it('refuses a credential set the gateway does not hold: 403, no DRS call', async () => {
    const token = await idp.sign({ drs_projects: ['*'], drs_credential_set: 'nobody' });
    const res = await post(h, JOB, jobOf(h.projectId), bearer(token));
    expect(res.status).toBe(403);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(h.sim.calls).toHaveLength(0);
  });

  it("forwards the caller's own X-Auth-Token for a granted project", async () => {
    const token = bearer(await idp.sign({ drs_projects: [projectB.projectId] }));
    const res = await post(h, JOB, jobOf(projectB.projectId), {
      ...token,
      'x-project-id': projectB.projectId,
      'x-auth-token': projectB.token,
    });
    expect(res.body.data.job.id).toBe(jobOf(projectB.projectId).id);
    expect(h.calls().map((c) => [c.projectId, c.credential, c.status])).toEqual([[projectB.projectId, 'token', 200]]);
  });

  it('applies the same rules to GET and SSE, which yoga serves itself', async () => {
    const id = jobOf(h.projectId).id;
    const url = `http://gateway/graphql?query=${encodeURIComponent(`{ job(id: "${id}") { id } }`)}`;
    h.sim.resetCalls();
    const anonymous = await h.fetch(url, { headers: { accept: 'application/json' } });
    expect(anonymous.status).toBe(401);
    expect(h.sim.calls).toHaveLength(0);
    const token = await idp.sign({ drs_projects: [h.projectId] });
    const signed = await h.fetch(url, { headers: { accept: 'application/json', ...bearer(token) } });
    expect(((await signed.json()) as { data: { job: { id: string } } }).data.job.id).toBe(id);
    expect(h.calls()).toHaveLength(1);
    const sse = await h.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({
        query: 'subscription($ids: [ID!]!) { jobProgress(ids: $ids) { jobId } }',
        variables: { ids: [id] },
      }),
    });
    expect(sse.status).toBe(401);
    expect(await sse.text()).toMatch(/UNAUTHENTICATED/);
  });

  it('fetched the JWKS once for all of the above: an unknown kid refetches at most every 30 s', () => {
    expect(jwks.hits).toBe(1);
  });

  async function forged(): Promise<string> {
    const { privateKey } = await generateKeyPair('RS256');
    return idp.sign({ drs_projects: ['*'] }, { key: privateKey });
  }
});

describe('AUTH_MODE=jwt when the JWKS cannot be fetched', () => {
  it('answers 503 UPSTREAM_UNAVAILABLE (retryable), not 401, and calls no DRS API', async () => {
    const down = await serveJwks([]);
    await down.close();
    const gateway = await startHarness({
      AUTH_MODE: 'jwt',
      AUTH_JWKS_URL: down.url,
      AUTH_JWT_ISSUER: ISSUER,
      AUTH_JWT_AUDIENCE: AUDIENCE,
    });
    try {
      const res = await post(
        gateway,
        JOB,
        { id: gateway.sim.jobIds(gateway.projectId, 1)[0]! },
        bearer(await idp.sign({ drs_projects: ['*'] })),
      );
      expect(res.status).toBe(503);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
      expect(gateway.sim.calls).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });
});

describe('AUTH_MODE=jwt with a PEM public key file (AUTH_JWT_KEY_FILE)', () => {
  it('serves a token signed by the matching private key and refuses one signed by another', async () => {
    const { publicKey, privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
    const gateway = await startHarness({
      AUTH_MODE: 'jwt',
      AUTH_JWT_KEY_FILE: tempFile('idp.pem', await exportSPKI(publicKey)),
      AUTH_JWT_ISSUER: ISSUER,
      AUTH_JWT_AUDIENCE: AUDIENCE,
      AUTH_JWT_ALGORITHMS: 'EdDSA',
    });
    const sign = (key: typeof privateKey) =>
      new SignJWT({ drs_projects: [gateway.projectId] })
        .setProtectedHeader({ alg: 'EdDSA' })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setExpirationTime('2m')
        .sign(key);
    try {
      const id = gateway.sim.jobIds(gateway.projectId, 1)[0]!;
      const good = await post(gateway, JOB, { id }, bearer(await sign(privateKey)));
      expect(good.body.data.job.id).toBe(id);
      expect(gateway.sim.calls).toHaveLength(1);
      const other = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const bad = await post(gateway, JOB, { id }, bearer(await sign(other.privateKey)));
      expect(bad.status).toBe(401);
      expect(gateway.sim.calls).toHaveLength(0);
      // RS256 is not in this gateway's AUTH_JWT_ALGORITHMS, whatever key signed it.
      const rsa = await post(gateway, JOB, { id }, bearer(await idp.sign({ drs_projects: ['*'] })));
      expect(rsa.body.errors?.[0]?.message).toMatch(/algorithm/);
      expect(gateway.sim.calls).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });
});
