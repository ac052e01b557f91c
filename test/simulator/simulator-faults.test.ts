import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/index.js';
import { throttleMessage, useFaultsSimulator } from '../support/simulator-faults-fixture.js';
import { call, get } from '../support/simulator-helpers.js';

const faults = useFaultsSimulator();
const { detail } = faults;
let sim: Simulator;
let pid: string;
let ids: string[];
beforeAll(() => {
  ({ sim, pid, ids } = faults);
});

describe('scripted outcomes', () => {
  it('429 with Retry-After: 1, then 200', async () => {
    sim.faults.set('batch-detail', '429:1,ok');
    const first = await detail();
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('1');
    expect(first.json).toEqual({
      error_msg: throttleMessage(20),
      error_code: 'APIG.0308',
      request_id: first.requestId,
    });
    expect((await detail()).status).toBe(200);
    expect(sim.calls.map((c) => [c.status, c.outcome, c.fault])).toEqual([
      [429, 'fault', '429:1'],
      [200, 'ok', undefined],
    ]);
  });

  it('429 without Retry-After, quoting the configured rate limit', async () => {
    sim.configure({ rateLimit: 50 });
    sim.faults.set('batch-progress', ['429']);
    const res = await call(sim, `/v3/${pid}/jobs/batch-progress`, { body: { jobs: ids.slice(0, 1) } });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBeNull();
    expect(res.json.error_msg).toBe(throttleMessage(50));
  });

  it('500 DRS.M00004, 502/503 APIG.0202, 504 APIG.0203, before authentication', async () => {
    sim.faults.set('batch-detail', '500,502,503:2,504');
    const answers = [];
    for (let i = 0; i < 4; i++)
      answers.push(await call(sim, `/v3/${pid}/jobs/batch-detail`, { body: { jobs: ids }, token: null }));
    expect(answers.map((a) => [a.status, a.json.error_code])).toEqual([
      [500, 'DRS.M00004'],
      [502, 'APIG.0202'],
      [503, 'APIG.0202'],
      [504, 'APIG.0203'],
    ]);
    expect(answers[2]?.headers.get('retry-after')).toBe('2');
    expect(answers[0]?.json).toEqual({ error_code: 'DRS.M00004', error_msg: 'Service is abnormal. Check logs.' });
    expect((await detail()).status).toBe(200);
  });

  it('a connection reset, logged with status 0', async () => {
    sim.faults.set('progress-data', 'reset');
    await expect(get(sim, `/v5/${pid}/jobs/${ids[0]}/progress-data/table`)).rejects.toThrow(/fetch failed/);
    expect(sim.calls.at(-1)).toMatchObject({
      api: 'progress-data',
      jobs: [ids[0]],
      status: 0,
      outcome: 'fault',
      fault: 'reset',
    });
    expect((await get(sim, `/v5/${pid}/jobs/${ids[0]}/progress-data/table`)).status).toBe(200);
  });

  it('a hang that never answers until the client gives up', async () => {
    sim.faults.set('async-job-detail', 'hang');
    const asyncId = sim.asyncJobIds(pid)[0];
    const started = performance.now();
    const pending = get(sim, `/v5/${pid}/batch-async-jobs/${asyncId}`, { signal: AbortSignal.timeout(300) });
    await expect(pending).rejects.toThrow(/timeout|abort/i);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(sim.calls.at(-1)).toMatchObject({ api: 'async-job-detail', asyncJobId: asyncId, status: 0, fault: 'hang' });
  });

  it('a truncated JSON body and an HTML page, both with status 200', async () => {
    sim.faults.set('batch-detail', 'truncate,html');
    const cut = await detail();
    const page = await detail();
    const full = await detail();
    expect(cut.status).toBe(200);
    expect(cut.json).toBeUndefined();
    expect(full.text.startsWith(cut.text)).toBe(true);
    expect(cut.text.length).toBe(Math.floor(full.text.length / 2));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.text).toMatch(/^<!DOCTYPE html>/);
    expect(sim.calls.map((c) => c.fault)).toEqual(['truncate', 'html', undefined]);
  });

  it('shuffled, duplicated or missing rows in v3 results and v5 lists', async () => {
    sim.faults.set('batch-detail', 'shuffle,duplicate,missing');
    const jobs = ids.slice(0, 8);
    const order = async () => ((await detail(jobs)).json.results as { id: string }[]).map((r) => r.id);
    const shuffled = await order();
    expect(shuffled).not.toEqual(jobs);
    expect([...shuffled].sort()).toEqual([...jobs].sort());
    expect(await order()).toEqual([...jobs, jobs[0]]);
    expect(await order()).toEqual(jobs.slice(0, 7));
    sim.faults.set('progress-data', 'missing');
    const short = await get(sim, `/v5/${pid}/jobs/${ids[1]}/progress-data/table?limit=5`);
    const full = sim.progressData(pid, ids[1] ?? '', 'table', { limit: 5 });
    expect(short.json.flow_compare_data).toEqual(full?.flow_compare_data.slice(0, -1));
    expect(short.json.count).toBe(full?.count);
  });
});
