import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { throttleMessage, useFaultsSimulator } from '../support/simulator-faults-fixture.js';
import { call, get, permanentKey, signedCall } from '../support/simulator-helpers.js';

const faults = useFaultsSimulator();
const { detail } = faults;
let sim: Simulator;
let pid: string;
let ids: string[];
beforeAll(() => {
  ({ sim, pid, ids } = faults);
});

describe('fault plans', () => {
  it('repeats with repeat: true, falls back on the * plan, and reports what is left', async () => {
    sim.faults.set('*', { steps: '503', repeat: true });
    sim.faults.set('batch-detail', { steps: ['500', 'ok'], repeat: true });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await detail()).status);
    expect(statuses).toEqual([500, 200, 500, 200]);
    expect((await call(sim, `/v3/${pid}/jobs/batch-progress`, { body: { jobs: ids } })).status).toBe(503);
    sim.faults.set('batch-progress', '500*3,ok');
    await call(sim, `/v3/${pid}/jobs/batch-progress`, { body: { jobs: ids } });
    expect(sim.faults.snapshot()['batch-progress']).toEqual({
      remaining: ['500', '500', 'ok'],
      repeat: false,
      latencyMs: 0,
      jitterMs: 0,
    });
    expect(() => sim.faults.set('batch-detail', '418')).toThrow(/unknown fault step/);
    expect(() => sim.faults.set('nope' as never, 'ok')).toThrow(/unknown API/);
  });

  it('fixed and jittered latency per API, jitter drawn from the seed', async () => {
    sim.faults.set('batch-detail', { latencyMs: 120 });
    const t0 = performance.now();
    await detail();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(115);
    expect(sim.calls.at(-1)?.fault).toBe('latency:120');
    // Two simulators of one seed draw the same jitter for the same calls.
    const plan = { 'batch-progress': { latencyMs: 5, jitterMs: 40 } };
    const twins = await Promise.all([1, 2].map(() => startSimulator({ seed: 21, clock: 'manual', faults: plan })));
    try {
      const delays = async (s: Simulator) => {
        for (let i = 0; i < 5; i++)
          await call(s, `/v3/${pid}/jobs/batch-progress`, { body: { jobs: ids.slice(0, 1) } });
        return s.calls.map((c) => Number(c.fault?.split(':')[1]));
      };
      const [mine, theirs] = [await delays(twins[0] as Simulator), await delays(twins[1] as Simulator)];
      expect(mine).toEqual(theirs);
      for (const ms of mine) expect(ms).toBeGreaterThanOrEqual(5);
      for (const ms of mine) expect(ms).toBeLessThanOrEqual(45);
      expect(new Set(mine).size).toBeGreaterThan(1);
    } finally {
      await Promise.all(twins.map((t) => t.close()));
    }
  });
});

describe('rate limit per credential', () => {
  it('answers 429 APIG.0308 past N requests per second, per token or AK', async () => {
    sim.configure({ rateLimit: 3 });
    const burst = await Promise.all(Array.from({ length: 6 }, () => detail()));
    const throttled = burst.filter((a) => a.status === 429);
    expect(burst.filter((a) => a.status === 200)).toHaveLength(3);
    expect(throttled).toHaveLength(3);
    expect(throttled[0]?.json).toEqual({
      error_msg: throttleMessage(3),
      error_code: 'APIG.0308',
      request_id: throttled[0]?.requestId,
    });
    expect(throttled[0]?.headers.get('retry-after')).toBeNull();
    // Other credentials have their own budget.
    const signed = await signedCall(sim, permanentKey(sim, pid), {
      path: `/v3/${pid}/jobs/batch-detail`,
      body: { jobs: ids.slice(0, 1) },
    });
    expect(signed.status).toBe(200);
    expect(sim.calls.filter((c) => c.outcome === 'throttled')).toHaveLength(3);
    await sleep(1100);
    expect((await detail()).status).toBe(200);
  });
});

describe('the call log', () => {
  it('records API, IDs, credential kind and outcome for every API', async () => {
    const asyncId = sim.asyncJobIds(pid)[1] ?? '';
    await detail(ids.slice(0, 2));
    await get(sim, `/v5/${pid}/jobs/${ids[2]}/progress-data/view?offset=0&limit=5`);
    await get(sim, `/v5/${pid}/batch-async-jobs/${asyncId}?limit=2`, { token: null });
    await signedCall(sim, permanentKey(sim, pid), { path: `/v3/${pid}/jobs/batch-progress`, body: { jobs: [ids[3]] } });
    expect(sim.calls.map(({ at, requestId, ...rest }) => rest)).toEqual([
      expect.objectContaining({
        api: 'batch-detail',
        jobs: ids.slice(0, 2),
        credential: 'token',
        outcome: 'ok',
        status: 200,
      }),
      expect.objectContaining({
        api: 'progress-data',
        method: 'GET',
        jobs: [ids[2]],
        type: 'view',
        query: { offset: '0', limit: '5' },
        credential: 'token',
        outcome: 'ok',
      }),
      expect.objectContaining({
        api: 'async-job-detail',
        asyncJobId: asyncId,
        credential: 'none',
        outcome: 'auth',
        status: 401,
      }),
      expect.objectContaining({
        api: 'batch-progress',
        credential: 'aksk',
        ak: permanentKey(sim, pid).ak,
        status: 202,
      }),
    ]);
  });
});
