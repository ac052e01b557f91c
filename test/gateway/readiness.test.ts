import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/drs/breaker.js';
import { type Harness, type Listening, startHarness } from '../support/harness.js';

interface Served {
  h: Harness;
  server: Listening;
  /** GET a path of the served gateway (through the fast-path listener, as main.ts serves it). */
  get(path: string): Promise<{ status: number; body: any; text: string }>;
  /** Readiness probes the simulator saw: batch-progress calls naming no job. */
  probes(): Harness['sim']['calls'];
}

const open: Served[] = [];

async function serve(env: Record<string, string> = {}): Promise<Served> {
  const h = await startHarness(env);
  const server = await h.listen();
  const base = server.url.replace(/\/graphql$/, '');
  const served: Served = {
    h,
    server,
    async get(path) {
      const response = await fetch(`${base}${path}`);
      const text = await response.text();
      return { status: response.status, text, body: text ? JSON.parse(text) : undefined };
    },
    probes: () => h.sim.calls.filter((c) => c.api === 'batch-progress' && c.jobs.length === 0),
  };
  open.push(served);
  return served;
}

afterEach(async () => {
  for (const { h, server } of open.splice(0)) {
    await server.close();
    await h.close().catch(() => {}); // a test may have closed the simulator already
  }
});

const JOB_NAME = `query($id: ID!) { job(id: $id) { id name } }`;

describe('GET /readiness', () => {
  it('is ready after start, and 20 concurrent checks share one probe that later checks reuse', async () => {
    const s = await serve();
    const first = await Promise.all(Array.from({ length: 20 }, () => s.get('/readiness')));
    expect(first.map((r) => r.status)).toEqual(Array(20).fill(200));
    expect(s.probes()).toHaveLength(1);
    // The probe asks as the gateway (its DRS_AUTH_TOKEN) and DRS refuses the empty list: an answer.
    expect(s.probes()[0]).toMatchObject({ credential: 'token', status: 400 });
    expect(first[0]!.body).toMatchObject({
      status: 'ready',
      checks: {
        drs: { reachable: true, source: 'probe', status: 400, code: 'DRS.M00201' },
        breakers: { 'batch-detail': 'closed', 'batch-progress': 'closed' },
        shuttingDown: false,
      },
    });
    await Promise.all(Array.from({ length: 20 }, () => s.get('/readiness')));
    expect(s.probes()).toHaveLength(1);
    expect(s.h.sim.calls).toHaveLength(1);
    // Never a credential or an address in the body.
    expect(first[0]!.text).not.toContain(s.h.token);
    expect(first[0]!.text).not.toContain(s.h.sim.url);
  });

  it('leaves /health as liveness that never calls DRS', async () => {
    const s = await serve();
    s.h.sim.faults.set('*', '503*5');
    expect((await s.get('/health')).status).toBe(200);
    expect(s.h.sim.calls).toHaveLength(0);
  });

  it('takes a recent answer to real traffic as proof, with no probe', async () => {
    const s = await serve();
    const [id] = s.h.sim.jobIds(s.h.projectId, 1);
    expect((await s.h.gql(JOB_NAME, { id })).errors).toBeUndefined();
    const ready = await s.get('/readiness');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.drs).toMatchObject({ reachable: true, source: 'call', status: 200 });
    expect(s.h.sim.calls.map((c) => c.api)).toEqual(['batch-detail']);
  });

  it('answers 503 while DRS answers 5xx, probing at most once per READINESS_PROBE_TTL_MS, then recovers', async () => {
    const s = await serve({ READINESS_PROBE_TTL_MS: '300' });
    s.h.sim.faults.set('batch-progress', '503*2');
    const down = await Promise.all(Array.from({ length: 10 }, () => s.get('/readiness')));
    expect(down.map((r) => r.status)).toEqual(Array(10).fill(503));
    expect(down[0]!.body).toMatchObject({
      status: 'not-ready',
      checks: { drs: { reachable: false, source: 'probe', status: 503, code: 'APIG.0202' } },
    });
    expect((await s.get('/readiness')).status).toBe(503); // the failure is kept too: no second probe yet
    expect(s.probes()).toHaveLength(1);
    await sleep(350);
    expect((await s.get('/readiness')).status).toBe(503);
    await sleep(350);
    expect((await s.get('/readiness')).status).toBe(200); // the plan ran out: DRS answers again
    expect(s.probes().map((c) => c.status)).toEqual([503, 503, 400]);
  });

  it('answers 503 when DRS is gone, or does not answer within READINESS_PROBE_TIMEOUT_MS', async () => {
    const s = await serve({ READINESS_PROBE_TTL_MS: '100', READINESS_PROBE_TIMEOUT_MS: '200' });
    expect((await s.get('/readiness')).status).toBe(200);
    s.h.sim.faults.set('batch-progress', 'hang');
    await sleep(150);
    const hung = await s.get('/readiness');
    expect(hung.status).toBe(503);
    expect(hung.body.checks.drs).toMatchObject({ reachable: false, status: 0, code: 'LOCAL.TIMEOUT' });
    await s.h.sim.close();
    await sleep(150);
    const gone = await s.get('/readiness');
    expect(gone.status).toBe(503);
    expect(gone.body.checks.drs).toMatchObject({ reachable: false, source: 'probe', status: 0, code: 'LOCAL.NETWORK' });
  });

  it('answers 503 while a breaker is open, without probing, and ready again once its cooldown passed', async () => {
    const s = await serve({
      DRS_BREAKER_FAILURES: '1',
      DRS_BREAKER_COOLDOWN_MS: '400',
      DRS_RETRY_MAX: '0',
      READINESS_PROBE_TTL_MS: '200',
    });
    s.h.sim.faults.set('batch-detail', '500');
    const [id] = s.h.sim.jobIds(s.h.projectId, 1);
    expect((await s.h.gql(JOB_NAME, { id })).errors).toBeDefined();
    const tripped = await s.get('/readiness');
    expect(tripped.status).toBe(503);
    expect(tripped.body.checks.breakers['batch-detail']).toBe('open');
    expect(s.probes()).toHaveLength(0);
    await sleep(450);
    // Nobody called since: the breaker would let the next call probe, so readiness probes DRS itself.
    const after = await s.get('/readiness');
    expect(after.status).toBe(200);
    expect(after.body.checks.breakers['batch-detail']).toBe('half-open');
    expect(s.probes()).toHaveLength(1);
  });

  it('answers 503 from shutDown() on, without probing', async () => {
    const s = await serve();
    s.h.readiness.shutDown();
    const res = await s.get('/readiness');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({
      status: 'not-ready',
      checks: { shuttingDown: true, drs: { reachable: 'unknown' } },
    });
    expect(s.h.sim.calls).toHaveLength(0);
  });

  it("probes without credentials when callers bring their own: APIG's 401 proves DRS is reachable", async () => {
    const s = await serve({ DRS_AUTH_TOKEN: '' });
    const res = await s.get('/readiness');
    expect(res.status).toBe(200);
    expect(s.probes().map((c) => [c.credential, c.status])).toEqual([['none', 401]]);
  });

  it('signs the probe with AK/SK when that is the configured credential', async () => {
    const keys = await startHarness();
    const [permanent] = keys.sim.credentials;
    await keys.close();
    const s = await serve({ DRS_AUTH_TOKEN: '', DRS_AK: permanent!.ak, DRS_SK: permanent!.sk });
    expect((await s.get('/readiness')).status).toBe(200);
    expect(s.probes().map((c) => [c.credential, c.status])).toEqual([['aksk', 400]]);
  });
});

describe('CircuitBreaker.current', () => {
  it('reads half-open once the cooldown has passed, before any call moves it', () => {
    let now = 0;
    const breaker = new CircuitBreaker('batch-detail', { failures: 1, cooldownMs: 100, now: () => now });
    breaker.failure();
    expect(breaker.current).toBe('open');
    now = 100;
    expect(breaker.current).toBe('half-open');
  });
});
