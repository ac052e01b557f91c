import { beforeAll, describe, expect, it } from 'vitest';
import { jobEndpoints, SECRET_MARKER, type Simulator, startSimulator } from '../../simulator/index.js';
import { type BatchListJobDetailsResponse, STRUCT_DETAIL_TYPES } from '../../src/drs/types.js';
import { call } from '../support/simulator-helpers.js';
import { useV3Simulator } from '../support/simulator-v3-fixture.js';

/** Seeded data: secrets, realism, determinism, scale. */

const v3 = useV3Simulator();
const { detail, progress, struct } = v3;
let sim: Simulator;
let pid: string;
let ids: string[];
beforeAll(() => {
  ({ sim, pid, ids } = v3);
});

describe('generated data', () => {
  it('plants secrets carrying the marker in every endpoint', async () => {
    const res = await detail({ jobs: ids.slice(0, 100), page_req: { per_page: 0 } });
    expect(res.text).toContain(SECRET_MARKER);
    const endpoints = (res.json.results ?? []).flatMap(jobEndpoints);
    expect(endpoints.length).toBeGreaterThanOrEqual(200);
    for (const e of endpoints) expect(e.db_password).toContain(SECRET_MARKER);
    const ssl = endpoints.filter((e) => e.ssl_cert_key !== undefined);
    expect(ssl.length).toBeGreaterThan(0);
    for (const e of ssl) expect(`${e.ssl_cert_password} ${e.ssl_cert_key}`).toMatch(/SIMSECRET.*SIMSECRET/);
    const kafka = endpoints.filter((e) => e.db_type === 'kafka');
    expect(kafka.length).toBeGreaterThan(0);
    for (const e of kafka) {
      const k = e.kafka_security_config ?? {};
      for (const v of [
        k.trust_store_key,
        k.trust_store_password,
        k.key_store_key,
        k.key_store_password,
        k.key_password,
      ]) {
        expect(v).toContain(SECRET_MARKER);
      }
    }
  });

  it('looks like real DRS data across the seeded jobs', () => {
    const jobs = ids.map((id) => sim.jobDetail(pid, id));
    const statuses = new Set(jobs.map((j) => j.status));
    expect(statuses.size).toBeGreaterThanOrEqual(25);
    expect(statuses).toContain('DELETED');
    expect(jobs.filter((j) => j.status === 'INCRE_TRANSFER_STARTED').length).toBeGreaterThan(200);
    for (const j of jobs.filter((x) => x.status?.endsWith('_FAILED'))) expect(j.failed_reason).toBeTruthy();
    for (const j of jobs.filter((x) => x.status === 'CONFIGURATION')) expect(j.actual_start_time).toBe('0');
    for (const j of jobs) {
      expect(j.name).toMatch(/^DRS-\d{4}-[a-z]+$/);
      expect(j.create_time).toMatch(/^\d{13}$/);
      expect(['migration', 'sync', 'cloudDataGuard']).toContain(j.db_use_type);
      expect(j.target_endpoint?.db_type).toBeTruthy();
    }
    const tags = jobs.flatMap((j) => j.tags ?? []);
    expect(tags.some((t) => 'key' in t && 'value' in t)).toBe(true);
    expect(tags.some((t) => !('key' in t))).toBe(true);
    expect(jobs.some((j) => j.dmq_endpoint !== undefined)).toBe(true);
    expect(jobs.some((j) => j.master_job_id !== undefined && ids.includes(j.master_job_id))).toBe(true);
    expect(jobs.some((j) => j.object_infos?.every((o) => o.select === 'true'))).toBe(true);
  });

  it('serves exactly what sim.jobDetail / jobProgress / structDetail predict', async () => {
    const jobs = ids.slice(10, 13);
    expect((await detail({ jobs })).json.results).toEqual(jobs.map((id) => sim.jobDetail(pid, id)));
    expect((await progress({ jobs })).json.results).toEqual(jobs.map((id) => sim.jobProgress(pid, id)));
    expect((await struct('trigger', { jobs })).json.results).toEqual(
      jobs.map((id) => sim.structDetail(pid, id, 'trigger')),
    );
  });

  it('writes batch-struct-detail byte for byte as JSON.stringify of the predicted rows, as the clock moves', async () => {
    const jobs = ids.slice(0, 100);
    const start = sim.clock.now();
    let entries = 0;
    try {
      // Seeded lists are written from per-object fragments; only each entry's progress is fresh.
      for (const step of [0, 20 * 60_000, 6 * 3_600_000]) {
        sim.clock.set(start + step);
        for (const type of STRUCT_DETAIL_TYPES) {
          const results = jobs.map((id) => sim.structDetail(pid, id, type));
          entries += results.reduce((n, r) => n + (r.struct_detail?.list?.length ?? 0), 0);
          const res = await struct(type, { jobs, page_req: { per_page: 0 } });
          expect(res.text).toBe(JSON.stringify({ count: jobs.length, results }));
        }
      }
    } finally {
      sim.clock.set(start);
    }
    expect(entries).toBeGreaterThan(10_000);
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = await Promise.all([
      startSimulator({ seed: 42, clock: 'manual' }),
      startSimulator({ seed: 42, clock: 'manual' }),
      startSimulator({ seed: 43, clock: 'manual' }),
    ]);
    try {
      expect(a.projects).toEqual(b.projects);
      expect(a.projects).not.toEqual(c.projects);
      const [pa] = a.projects;
      const jobs = a.jobIds(pa?.projectId ?? '', 20);
      expect(b.jobIds(pa?.projectId ?? '', 20)).toEqual(jobs);
      const body = { jobs, page_req: { per_page: 0 } };
      const path = `/v3/${pa?.projectId}/jobs/batch-detail`;
      expect((await call(a, path, { body })).text).toBe((await call(b, path, { body })).text);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('serves job #99,999 of a 100,000-job project without building it up front', async () => {
    const big = await startSimulator({ jobs: 100_000, seed: 7, clock: 'manual' });
    try {
      const [p] = big.projects;
      const [last] = big.jobIds(p?.projectId ?? '', 1, 99_999);
      expect(big.jobIds(p?.projectId ?? '', 5, 100_000)).toEqual([]);
      const res = await call<BatchListJobDetailsResponse>(big, `/v3/${p?.projectId}/jobs/batch-detail`, {
        body: { jobs: [last] },
      });
      expect([200, 400]).toContain(res.status);
      expect(res.json.results?.[0]?.id).toBe(last);
      // The 1,000-job simulator of the same seed does not know that job.
      expect(sim.jobDetail(pid, last ?? '').error_code).toBe('DRS.M00289');
    } finally {
      await big.close();
    }
  });
});
