import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { defaultProjects } from '../../simulator/data/projects.js';
import {
  AUDIENCE,
  createIssuer,
  ISSUER,
  type Issuer,
  type JwksServer,
  serveJwks,
  serveWs,
  type WsGateway,
} from '../support/auth-helpers.js';
import { type Harness, startHarness } from '../support/harness.js';

const JOB = `query($id: ID!) { job(id: $id) { id name } }`;
const PROGRESS = `subscription($ids: [ID!]!) { jobProgress(ids: $ids) { jobId percent } }`;
const [, projectB] = defaultProjects(1) as [unknown, { projectId: string }];

let h: Harness;
let idp: Issuer;
let jwks: JwksServer;
let ws: WsGateway;
beforeAll(async () => {
  idp = await createIssuer('ES256', 'ec-1');
  jwks = await serveJwks([idp.publicJwk]);
  h = await startHarness({
    AUTH_MODE: 'jwt',
    AUTH_JWKS_URL: jwks.url,
    AUTH_JWT_ISSUER: ISSUER,
    AUTH_JWT_AUDIENCE: `other-service,${AUDIENCE}`,
    DRS_POLL_INTERVAL_MS: '100',
    CORS_ORIGINS: 'https://dash.example.com',
  });
  ws = await serveWs(h);
});
afterAll(async () => {
  await ws.close();
  await h.close();
  await jwks.close();
});

const jobOf = (projectId: string) => ({ id: h.sim.jobIds(projectId, 1)[0]! });

describe('AUTH_MODE=jwt over graphql-ws (Authorization in connectionParams)', () => {
  it('serves a query with a valid ES256 token: data, one DRS call', async () => {
    h.sim.resetCalls();
    const token = await idp.sign({ drs_projects: [h.projectId] });
    const res = await ws.first(JOB, jobOf(h.projectId), { Authorization: `Bearer ${token}` });
    expect(res.errors).toBeUndefined();
    expect(res.data.job.id).toBe(jobOf(h.projectId).id);
    expect(h.calls().map((c) => [c.api, c.status])).toEqual([['batch-detail', 200]]);
  });

  it('serves a subscription with a valid token: the current progress first', async () => {
    const token = await idp.sign({ drs_projects: ['*'] });
    const res = await ws.first(PROGRESS, { ids: [jobOf(h.projectId).id] }, { Authorization: `Bearer ${token}` });
    expect(res.data.jobProgress.jobId).toBe(jobOf(h.projectId).id);
  });

  it('refuses missing, expired and wrong-audience tokens (UNAUTHENTICATED) and another project (FORBIDDEN), no DRS call', async () => {
    const now = Math.floor(Date.now() / 1000);
    // The subscription of the test before may still have a poll in flight (100 ms interval): wait
    // until no call has come for three intervals, then count from zero.
    for (let seen = -1; seen !== h.sim.calls.length; ) {
      seen = h.sim.calls.length;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    h.sim.resetCalls();
    const cases: [Record<string, string>, string, string][] = [
      [{}, JOB, 'UNAUTHENTICATED'],
      [{ Authorization: `Bearer ${await idp.sign({ drs_projects: ['*'], exp: now - 300 })}` }, JOB, 'UNAUTHENTICATED'],
      [{ Authorization: `Bearer ${await idp.sign({ drs_projects: ['*'], aud: 'x' })}` }, PROGRESS, 'UNAUTHENTICATED'],
      [{ Authorization: `Bearer ${await idp.sign({ drs_projects: ['*'], iss: 'x' })}` }, JOB, 'UNAUTHENTICATED'],
      [
        {
          Authorization: `Bearer ${await idp.sign({ drs_projects: [h.projectId] })}`,
          'X-Project-Id': projectB.projectId,
        },
        PROGRESS,
        'FORBIDDEN',
      ],
    ];
    for (const [params, query, code] of cases) {
      const variables = query === JOB ? jobOf(h.projectId) : { ids: [jobOf(h.projectId).id] };
      const res = await ws.first(query, variables, params);
      expect(res.data ?? undefined).toBeUndefined();
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
    }
    expect(h.sim.calls).toHaveLength(0);
  });
});

describe('a subscription outlives no token', () => {
  it('ends a graphql-ws subscription with UNAUTHENTICATED when its JWT expires, and its poll with it', async () => {
    const exp = Math.floor(Date.now() / 1000) + 2;
    const token = await idp.sign({ drs_projects: ['*'], exp });
    const client = createClient({
      url: h.wsUrl,
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
      connectionParams: { Authorization: `Bearer ${token}` },
    });
    const events: { data?: any; errors?: { extensions?: Record<string, unknown> }[] }[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        client.subscribe(
          { query: PROGRESS, variables: { ids: [jobOf(h.projectId).id] } },
          { next: (event) => void events.push(event as never), error: reject, complete: resolve },
        );
      });
    } finally {
      await client.dispose();
    }
    // Completed by the gateway, not before the token's expiry and not long after it.
    expect(Date.now()).toBeGreaterThanOrEqual(exp * 1000);
    expect(Date.now()).toBeLessThan(exp * 1000 + 3_000);
    expect(events[0]?.data?.jobProgress?.jobId).toBe(jobOf(h.projectId).id);
    expect(events.at(-1)?.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', retryable: false });
    // Its poll group is gone: no batch-progress call after a few intervals (DRS_POLL_INTERVAL_MS 100).
    await new Promise((resolve) => setTimeout(resolve, 300));
    h.sim.resetCalls();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(h.calls('batch-progress')).toHaveLength(0);
  });
});

describe('AUTH_MODE=jwt from a browser', () => {
  it('lets an allowed origin send Authorization, and answers its refusal with CORS headers so the page can read it', async () => {
    const origin = 'https://dash.example.com';
    const preflight = await h.fetch('http://gateway/graphql', {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    h.sim.resetCalls();
    const refused = await h.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify({ query: JOB, variables: jobOf(h.projectId) }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(origin);
    expect(h.sim.calls).toHaveLength(0);
  });
});
