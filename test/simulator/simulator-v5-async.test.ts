import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ListAsyncJobDetailResponse,
  type ShowProgressDataResponse,
  type Simulator,
  startSimulator,
} from '../../simulator/index.js';
import type { BatchListJobDetailsResponse } from '../../src/drs/types.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { call, get } from '../support/simulator-helpers.js';

let sim: Simulator;
let pid: string;
const flow = (jobId: string, type: string, query = '') =>
  get<ShowProgressDataResponse>(sim, `/v5/${pid}/jobs/${jobId}/progress-data/${type}${query}`);
const batch = (asyncId: string, query = '') =>
  get<ListAsyncJobDetailResponse>(sim, `/v5/${pid}/batch-async-jobs/${asyncId}${query}`);

const started = useSimulator({ seed: 5, clock: 'manual', releasedRate: 0 });
beforeAll(() => {
  ({ sim, pid } = started);
});

describe('batch-async-jobs', () => {
  it('has deterministic, per-project batch IDs, one of them with 30+ jobs', async () => {
    const asyncIds = sim.asyncJobIds(pid);
    expect(asyncIds.length).toBeGreaterThanOrEqual(10);
    for (const a of asyncIds)
      expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const other = sim.asyncJobIds(sim.projects[1]?.projectId ?? '');
    expect(other.filter((a) => asyncIds.includes(a))).toEqual([]);
    const again = await startSimulator({ seed: 5, clock: 'manual' });
    expect(again.asyncJobIds(pid)).toEqual(asyncIds);
    await again.close();
    const sizes = asyncIds.map((a) => sim.asyncJobDetail(pid, a)?.total_count ?? 0);
    expect(Math.max(...sizes)).toBeGreaterThanOrEqual(30);
  });

  it('pages newest first with offset/limit and a paging-independent total_count', async () => {
    const big = sim.asyncJobIds(pid).find((a) => (sim.asyncJobDetail(pid, a)?.total_count ?? 0) >= 30) ?? '';
    const all = await batch(big, '?limit=1000');
    expect(all.status).toBe(200);
    const total = all.json.total_count;
    expect(all.json.jobs).toHaveLength(total);
    const times = all.json.jobs.map((j) => Date.parse(j.create_time ?? ''));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    const first = await batch(big);
    expect(first.json.jobs.map((j) => j.id)).toEqual(all.json.jobs.slice(0, 10).map((j) => j.id));
    const page = await batch(big, '?offset=25&limit=7');
    expect(page.json.total_count).toBe(total);
    expect(page.json.jobs.map((j) => j.id)).toEqual(all.json.jobs.slice(25, 32).map((j) => j.id));
    expect((await batch(big, `?offset=${total}`)).json).toEqual({ total_count: total, jobs: [] });
    expect((await batch(big, '?limit=1001')).text).toContain('DRS.M00210');
    expect(first.json).toEqual(sim.asyncJobDetail(pid, big));
  });

  it('answers 400 DRS.10000001 "Failed." for an unknown batch or another project\'s', async () => {
    const foreign = sim.asyncJobIds(sim.projects[1]?.projectId ?? '')[0] ?? '';
    for (const id of ['bd4193aa-072d-4ce6-beec-adffc7252341', foreign, 'x']) {
      const res = await batch(id);
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ error_code: 'DRS.10000001', error_msg: 'Failed.' });
    }
  });

  it('sends v5 JobDetailResp shapes: list-valued endpoints, string ports, ISO times', async () => {
    const jobs = sim.asyncJobIds(pid).flatMap((a) => sim.asyncJobDetail(pid, a, { limit: 1000 })?.jobs ?? []);
    const engines = new Set(jobs.map((j) => j.base_info?.engine_type));
    expect([...engines].sort()).toEqual([
      'mysql-to-mysql',
      'oracle-to-gaussdbv5',
      'redis-to-gaussredis',
      'rediscluster-to-gaussredis',
    ]);
    for (const j of jobs) {
      expect(j.create_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(Array.isArray(j.source_endpoint) && Array.isArray(j.target_endpoint)).toBe(true);
      expect(j.source_endpoint?.[0]?.endpoint_role).toBe('so');
      expect(j.target_endpoint?.[0]?.endpoint_role).toBe('ta');
      for (const e of [...(j.source_endpoint ?? []), ...(j.target_endpoint ?? [])]) {
        if (e.endpoint?.db_port !== undefined) expect(typeof e.endpoint.db_port).toBe('string');
      }
      expect(j.progress_info?.transfer_status).toBe(j.status);
    }
    expect(jobs.some((j) => (j.source_endpoint?.[0]?.endpoint?.source_sharding?.length ?? 0) > 1)).toBe(true);
  });

  it('links MySQL jobs to the v3 job of the same ID; Oracle→GaussDB jobs exist only in v5', async () => {
    const jobs = sim.asyncJobIds(pid).flatMap((a) => sim.asyncJobDetail(pid, a, { limit: 1000 })?.jobs ?? []);
    const mysql = jobs.filter((j) => j.base_info?.engine_type === 'mysql-to-mysql').slice(0, 10);
    const oracle = jobs.filter((j) => j.base_info?.engine_type === 'oracle-to-gaussdbv5').slice(0, 5);
    expect(mysql.length).toBeGreaterThan(0);
    const res = await call<BatchListJobDetailsResponse>(sim, `/v3/${pid}/jobs/batch-detail`, {
      body: { jobs: [...mysql, ...oracle].map((j) => j.id), page_req: { per_page: 0 } },
    });
    const byId = new Map(res.json.results?.map((r) => [r.id, r]));
    for (const j of mysql) {
      const v3 = byId.get(j.id);
      expect(v3?.error_code).toBeUndefined();
      expect(v3).toMatchObject({ name: j.base_info?.name, status: j.status, db_use_type: j.base_info?.job_type });
      expect(j.source_endpoint?.[0]?.endpoint?.db_password).toBe(v3?.source_endpoint?.db_password);
    }
    for (const j of oracle) expect(byId.get(j.id)?.error_code).toBe('DRS.M00289');
    // A v5-only job still has progress data.
    const oracleId = oracle[0]?.id ?? '';
    expect((await flow(oracleId, 'table')).status).toBe(200);
  });
});
