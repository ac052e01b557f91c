import { networkInterfaces } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { EPOCH_ANCHOR_MS, type Simulator, startSimulator } from '../../simulator/index.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { answerOf, call } from '../support/simulator-helpers.js';

let sim: Simulator;
let pid: string;

const admin = async (
  path: string,
  method = 'GET',
  body?: unknown,
  headers: Record<string, string> = {},
  base = sim.url,
) =>
  answerOf<any>(
    await fetch(`${base}/__admin/${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    }),
  );

const started = useSimulator({ seed: 4, clock: 'manual' });
beforeAll(() => {
  ({ sim, pid } = started);
});

describe('admin routes', () => {
  it('script faults over HTTP: POST, GET what is left, DELETE', async () => {
    const set = await admin('faults', 'POST', { api: 'batch-progress', steps: '503:3,ok', latencyMs: 0 });
    expect(set.status).toBe(200);
    expect(set.json.faults['batch-progress']).toEqual({
      remaining: ['503:3', 'ok'],
      repeat: false,
      latencyMs: 0,
      jitterMs: 0,
    });
    const res = await call(sim, `/v3/${pid}/jobs/batch-progress`, { body: { jobs: sim.jobIds(pid, 1) } });
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('3');
    expect((await admin('faults')).json.faults['batch-progress'].remaining).toEqual(['ok']);
    expect((await admin('faults?api=batch-progress', 'DELETE')).json).toEqual({ faults: {} });
    const bad = await admin('faults', 'POST', { api: 'batch-progress', steps: '999' });
    expect(bad.status).toBe(400);
    expect(bad.json.error_msg).toMatch(/unknown fault step "999"/);
    expect((await admin('faults', 'POST', { api: 'nope', steps: 'ok' })).status).toBe(400);
  });

  it('read and clear the call log, which never lists admin calls', async () => {
    sim.resetCalls();
    await call(sim, `/v3/${pid}/jobs/batch-detail`, { body: { jobs: sim.jobIds(pid, 2) } });
    const calls = await admin('calls');
    expect(calls.json.calls).toHaveLength(1);
    expect(calls.json.calls[0]).toMatchObject({ api: 'batch-detail', credential: 'token', outcome: 'ok' });
    expect((await admin('calls', 'DELETE')).json).toEqual({ calls: [] });
    expect(sim.calls).toHaveLength(0);
  });

  it('move the clock and change runtime options', async () => {
    const before = (await admin('clock')).json;
    expect(before).toEqual({ mode: 'manual', now: sim.clock.now(), iso: new Date(sim.clock.now()).toISOString() });
    const iso = new Date(EPOCH_ANCHOR_MS + 86_400_000).toISOString();
    expect((await admin('clock', 'POST', { set: iso })).json.iso).toBe(iso);
    expect((await admin('clock', 'POST', { set: '2020-01-01T00:00:00Z' })).status).toBe(400);
    expect((await admin('clock', 'POST', { advanceMs: 'soon' })).status).toBe(400);
    const config = await admin('config', 'POST', { rateLimit: 7 });
    expect(config.json.rateLimit).toBe(7);
    expect(sim.options.rateLimit).toBe(7);
    expect((await admin('config', 'POST', { rateLimit: -1 })).status).toBe(400);
    expect((await admin('config', 'POST', { nope: 1 })).status).toBe(400);
    expect((await admin('config', 'POST', '{not json')).status).toBe(400);
    expect((await admin('nothing-here')).status).toBe(404);
    sim.configure({ rateLimit: 0 });
  });

  it('require X-Admin-Token when one is configured, and disappear with admin: false', async () => {
    const guarded = await startSimulator({ adminToken: 's3cret', clock: 'manual' });
    const closed = await startSimulator({ admin: false });
    try {
      expect((await admin('calls', 'GET', undefined, {}, guarded.url)).status).toBe(401);
      expect((await admin('calls', 'GET', undefined, { 'X-Admin-Token': 's3cret' }, guarded.url)).status).toBe(200);
      const none = await admin('calls', 'GET', undefined, {}, closed.url);
      expect(none.status).toBe(404);
      expect(none.json.error_code).toBe('APIGW.0101');
    } finally {
      await Promise.all([guarded.close(), closed.close()]);
    }
  });

  const external = Object.values(networkInterfaces())
    .flat()
    .find((a) => a?.family === 'IPv4' && !a.internal)?.address;
  it.skipIf(!external)(
    `refuse non-loopback clients (via ${external ?? 'no external IPv4 address: skipped'})`,
    async () => {
      const open = await startSimulator({ host: '0.0.0.0', clock: 'manual' });
      try {
        const port = new URL(open.url).port;
        const res = await admin('calls', 'GET', undefined, {}, `http://${external}:${port}`);
        expect(res.status).toBe(403);
        expect(res.json).toEqual({ error_code: 'SIM.ADMIN', error_msg: 'admin routes serve loopback clients only' });
        expect((await admin('calls', 'GET', undefined, {}, open.url)).status).toBe(200);
      } finally {
        await open.close();
      }
    },
  );
});

describe('GET /health', () => {
  it('answers 200 for container health checks, even under faults, and stays out of the call log', async () => {
    sim.resetCalls();
    sim.faults.set('*', '503*3');
    try {
      const res = await fetch(`${sim.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok' });
      expect(sim.calls).toHaveLength(0);
    } finally {
      sim.faults.clear();
    }
  });
});
