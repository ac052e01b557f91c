import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { EPOCH_ANCHOR_MS, type Simulator, startSimulator } from '../../simulator/index.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { call } from '../support/simulator-helpers.js';
import { expectConsistent, snapshot } from '../support/simulator-helpers-live.js';

const MIN = 60_000;
let sim: Simulator;
let pid: string;
let ids: string[];

const started = useSimulator({ seed: 3, clock: 'manual', releasedRate: 0 }, 1000);
beforeAll(() => {
  ({ sim, pid, ids } = started);
});

describe('the clock', () => {
  it('starts at the anchor and moves only when told in manual mode', async () => {
    expect(sim.clock.mode).toBe('manual');
    const start = sim.clock.now();
    expect(start).toBeGreaterThanOrEqual(EPOCH_ANCHOR_MS);
    await sleep(30);
    expect(sim.clock.now()).toBe(start);
    expect(sim.clock.advance(1000)).toBe(start + 1000);
    expect(() => sim.clock.advance(-1)).toThrow(/forward/);
    expect(() => sim.clock.set(EPOCH_ANCHOR_MS - 1)).toThrow(/before/);
  });

  it('follows the wall clock (times clockSpeed) in real mode, the embedded default', async () => {
    const real = await startSimulator({ clockSpeed: 100 });
    try {
      expect(real.clock.mode).toBe('real');
      const t0 = real.clock.now();
      await sleep(50);
      expect(real.clock.now() - t0).toBeGreaterThanOrEqual(4000);
    } finally {
      await real.close();
    }
  });
});

describe('live jobs', () => {
  it('progress full transfers, finish them into replication or completion, and fail some, consistently', async () => {
    const running = ids.filter((id) => sim.jobDetail(pid, id).status === 'FULL_TRANSFER_STARTED').slice(0, 80);
    expect(running.length).toBeGreaterThan(40);
    const before = await snapshot(sim, pid, running);
    expectConsistent(before, sim.clock.now());
    sim.clock.advance(5 * MIN);
    const later = await snapshot(sim, pid, running);
    expectConsistent(later, sim.clock.now());
    for (const [i, row] of later.entries()) {
      if (row.job.status === 'FULL_TRANSFER_STARTED')
        expect(Number(row.progress?.progress)).toBeGreaterThanOrEqual(Number(before[i]?.progress?.progress));
    }
    sim.clock.advance(6 * 60 * MIN);
    const done = await snapshot(sim, pid, running);
    const now = sim.clock.now();
    expectConsistent(done, now);
    const statuses = new Set(done.map((r) => r.job.status));
    expect(statuses).toContain('INCRE_TRANSFER_STARTED');
    expect(statuses).toContain('FULL_TRANSFER_COMPLETE');
    expect(statuses).toContain('FULL_TRANSFER_FAILED');
    expect(statuses).not.toContain('FULL_TRANSFER_STARTED');
    for (const { job, progress } of done) {
      if (job.status === 'FULL_TRANSFER_FAILED') expect(job.failed_reason).toBeTruthy();
      if (job.status === 'INCRE_TRANSFER_STARTED') {
        expect(Number(job.full_transfer_complete_time)).toBeGreaterThan(EPOCH_ANCHOR_MS);
        expect(Number(job.update_time)).toBe(Number(job.full_transfer_complete_time));
        expect(progress?.progress).toBe('100');
        expect(Number(progress?.incre_trans_delay)).toBeGreaterThanOrEqual(0);
      }
    }
  });

  it('change replication delays over time and start queued jobs', async () => {
    // A simulator of its own: the tests above have moved this file's clock on.
    const fresh = await startSimulator({ seed: 3, clock: 'manual', releasedRate: 0 });
    try {
      const status = (id: string) => fresh.jobDetail(pid, id).status ?? '';
      const replicating = ids.filter((id) => status(id) === 'INCRE_TRANSFER_STARTED').slice(0, 40);
      const delays = () => replicating.map((id) => fresh.jobProgress(pid, id).incre_trans_delay_millis);
      const first = delays();
      fresh.clock.advance(MIN);
      expect(delays()).not.toEqual(first);
      const queued = ids.filter((id) => ['CREATING', 'STARTJOBING'].includes(status(id)));
      expect(queued.length).toBeGreaterThan(3);
      fresh.clock.advance(15 * MIN);
      for (const id of queued) expect(['CREATING', 'STARTJOBING']).not.toContain(status(id));
      const waiting = ids.find((id) => status(id) === 'WAITING_FOR_START') ?? '';
      const start = Number(fresh.jobDetail(pid, waiting).inst_info?.start_time);
      expect(start).toBeGreaterThan(fresh.clock.now());
      fresh.clock.set(start);
      const started = fresh.jobDetail(pid, waiting);
      expect(started.status).not.toBe('WAITING_FOR_START');
      expect(Number(started.actual_start_time)).toBe(start);
      expect(Number(started.update_time)).toBe(start);
    } finally {
      await fresh.close();
    }
  });

  it('is deterministic for a seed and a clock reading, and can be moved over the admin route', async () => {
    const [a, b] = await Promise.all([
      startSimulator({ seed: 9, clock: 'manual' }),
      startSimulator({ seed: 9, clock: 'manual' }),
    ]);
    try {
      const project = a.projects[0]?.projectId ?? '';
      const jobs = a.jobIds(project, 50);
      a.clock.advance(47 * MIN);
      const moved = await fetch(`${b.url}/__admin/clock`, {
        method: 'POST',
        body: JSON.stringify({ advanceMs: 47 * MIN }),
      });
      expect(await moved.json()).toMatchObject({ mode: 'manual', now: a.clock.now() });
      for (const path of ['batch-detail', 'batch-progress', 'table/batch-struct-detail']) {
        const body = { jobs, page_req: { per_page: 0 } };
        const [x, y] = await Promise.all([
          call(a, `/v3/${project}/jobs/${path}`, { body }),
          call(b, `/v3/${project}/jobs/${path}`, { body }),
        ]);
        expect(x.text).toBe(y.text);
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('serves batch-detail bytes equal to JSON.stringify of sim.jobDetail, live failures included', async () => {
    const failed = ids.filter((id) => sim.jobDetail(pid, id).status?.endsWith('_FAILED')).slice(0, 50);
    const jobs = [...new Set([...failed, ...ids.slice(0, 50)])];
    const res = await call(sim, `/v3/${pid}/jobs/batch-detail`, { body: { jobs, page_req: { per_page: 0 } } });
    const expected = { count: jobs.length, results: jobs.map((id) => sim.jobDetail(pid, id)) };
    expect(res.text).toBe(JSON.stringify(expected));
    expect(expected.results.some((j) => j.status === 'FULL_TRANSFER_FAILED' && j.failed_reason)).toBe(true);
  });

  it('keeps v5 async jobs in step with their v3 twins', async () => {
    const jobs = sim.asyncJobIds(pid).flatMap((a) => sim.asyncJobDetail(pid, a, { limit: 1000 })?.jobs ?? []);
    const linked = jobs.filter((j) => j.base_info?.engine_type === 'mysql-to-mysql');
    for (const j of linked) {
      const p = sim.jobProgress(pid, j.id);
      expect(j.status).toBe(sim.jobDetail(pid, j.id).status);
      expect(j.progress_info).toMatchObject({ progress: p.progress, incr_trans_delay: p.incre_trans_delay });
    }
  });
});
