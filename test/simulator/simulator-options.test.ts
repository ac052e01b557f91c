import { beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../simulator/cli/options.js';
import { type Simulator, unknownJobId } from '../../simulator/index.js';
import { call } from '../support/simulator-helpers.js';
import { useV3Simulator } from '../support/simulator-v3-fixture.js';

/** Runtime options, the call log and CLI option parsing. */

const v3 = useV3Simulator();
const { detail, progress, struct } = v3;
let sim: Simulator;
let pid: string;
let ids: string[];
beforeAll(() => {
  ({ sim, pid, ids } = v3);
});

describe('runtime options', () => {
  it('shuffles results when asked', async () => {
    const jobs = ids.slice(0, 60);
    sim.configure({ shuffle: true });
    const res = await detail({ jobs, page_req: { per_page: 0 } });
    sim.configure({ shuffle: false });
    const got = res.json.results?.map((r) => r.id) ?? [];
    expect(got).not.toEqual(jobs);
    expect([...got].sort()).toEqual([...jobs].sort());
  });

  it('waits latencyMs before answering', async () => {
    sim.configure({ latencyMs: 150 });
    const started = performance.now();
    await detail({ jobs: [ids[0]] });
    sim.configure({ latencyMs: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects invalid option values', () => {
    expect(() => sim.configure({ progressStatus: 201 as 200 })).toThrow(/progressStatus/);
    expect(() => sim.configure({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(sim.options.progressStatus).toBe(202);
  });
});

describe('call log', () => {
  it('records every request, rejected ones included', async () => {
    sim.resetCalls();
    await detail({ jobs: ids.slice(0, 2), page_req: { per_page: 0 } });
    await progress({ jobs: [ids[0]] }, { token: null });
    await struct('index', { jobs: [] });
    await call(sim, `/v3/${pid}/jobs/nope`, { body: { jobs: [ids[3]] } });
    await detail({ jobs: [unknownJobId(9)] });
    expect(sim.calls).toHaveLength(5);
    expect(sim.calls.map(({ at, requestId, ...rest }) => rest)).toEqual([
      {
        api: 'batch-detail',
        method: 'POST',
        path: `/v3/${pid}/jobs/batch-detail`,
        projectId: pid,
        jobs: ids.slice(0, 2),
        pageReq: { per_page: 0 },
        status: 200,
        credential: 'token',
        outcome: 'ok',
      },
      {
        api: 'batch-progress',
        method: 'POST',
        path: `/v3/${pid}/jobs/batch-progress`,
        projectId: pid,
        jobs: [ids[0]],
        status: 401,
        credential: 'none',
        outcome: 'auth',
      },
      {
        api: 'batch-struct-detail',
        method: 'POST',
        path: `/v3/${pid}/jobs/index/batch-struct-detail`,
        projectId: pid,
        jobs: [],
        type: 'index',
        status: 400,
        credential: 'token',
        outcome: 'bad-request',
      },
      {
        api: 'unknown',
        method: 'POST',
        path: `/v3/${pid}/jobs/nope`,
        projectId: pid,
        jobs: [ids[3]],
        status: 404,
        credential: 'token',
        outcome: 'not-found',
      },
      {
        api: 'batch-detail',
        method: 'POST',
        path: `/v3/${pid}/jobs/batch-detail`,
        projectId: pid,
        jobs: [unknownJobId(9)],
        status: 400,
        credential: 'token',
        outcome: 'not-found',
      },
    ]);
    for (const c of sim.calls) {
      expect(c.requestId).toMatch(/^[0-9a-f]{32}$/);
      expect(typeof c.at).toBe('number');
    }
    sim.resetCalls();
    expect(sim.calls).toHaveLength(0);
  });
});

describe('CLI options', () => {
  it('defaults, reads env and lets flags win', () => {
    const d = parseCli([], {});
    expect(d).toMatchObject({
      kind: 'run',
      options: { port: 8090, host: '127.0.0.1', jobs: 1000, seed: 1, latencyMs: 0, shuffle: false },
    });
    const e = parseCli(['--port', '9000', '--shuffle'], { SIM_PORT: '1234', SIM_JOBS: '50', SIM_LATENCY_MS: '20' });
    expect(e).toMatchObject({ kind: 'run', options: { port: 9000, jobs: 50, latencyMs: 20, shuffle: true } });
    const p = parseCli(['--project', 'a'.repeat(32), '--token', 'tok'], {});
    expect(p.kind === 'run' && p.options.projects?.[0]).toEqual({ projectId: 'a'.repeat(32), token: 'tok' });
  });

  it('reports bad values instead of starting', () => {
    expect(parseCli(['--port', 'abc'], {})).toEqual({
      kind: 'error',
      message: '--port must be an integer between 0 and 65535, got "abc"',
    });
    expect(parseCli([], { SIM_JOBS: '-3' }).kind).toBe('error');
    expect(parseCli(['--project', 'xyz'], {}).kind).toBe('error');
    expect(parseCli(['--nope'], {}).kind).toBe('error');
    expect(parseCli(['-h'], {})).toEqual({ kind: 'help' });
  });
});
