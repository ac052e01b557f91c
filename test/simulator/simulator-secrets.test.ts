import { beforeAll, describe, expect, it } from 'vitest';
import {
  type BaseEndpoint,
  jobEndpoints,
  type ListAsyncJobDetailResponse,
  SECRET_MARKER,
  type Simulator,
} from '../../simulator/index.js';
import type { BatchListJobDetailsResponse } from '../../src/drs/types.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { call, get } from '../support/simulator-helpers.js';

let sim: Simulator;
let pid: string;

const started = useSimulator({ seed: 13, clock: 'manual', releasedRate: 0 });
beforeAll(() => {
  ({ sim, pid } = started);
});

const SECRET = new RegExp(`^${SECRET_MARKER}-[a-z_.]+-[0-9a-f]{8}$`);

describe('planted secrets', () => {
  it('fill every secret field of the v3 models (endpoints, SSL, Kafka stores)', async () => {
    const res = await call<BatchListJobDetailsResponse>(sim, `/v3/${pid}/jobs/batch-detail`, {
      body: { jobs: sim.jobIds(pid, 100), page_req: { per_page: 0 } },
    });
    const endpoints = (res.json.results ?? []).flatMap(jobEndpoints);
    for (const e of endpoints) expect(e.db_password).toMatch(SECRET);
    const ssl = endpoints.filter((e) => e.ssl_cert_key !== undefined);
    expect(ssl.length).toBeGreaterThan(0);
    for (const e of ssl) {
      expect(e.ssl_cert_key).toMatch(SECRET);
      expect(e.ssl_cert_password).toMatch(SECRET);
    }
    const kafka = endpoints.map((e) => e.kafka_security_config).filter((k) => k !== undefined);
    expect(kafka.length).toBeGreaterThan(0);
    for (const k of kafka) {
      for (const field of [
        'trust_store_key',
        'trust_store_password',
        'key_store_key',
        'key_store_password',
        'key_password',
      ] as const)
        expect(k[field]).toMatch(SECRET);
    }
  });

  it('fill db_password, SSL and user_migration passwords in v5 async jobs', async () => {
    const jobs = [];
    for (const a of sim.asyncJobIds(pid)) {
      const res = await get<ListAsyncJobDetailResponse>(sim, `/v5/${pid}/batch-async-jobs/${a}?limit=1000`);
      jobs.push(...res.json.jobs);
    }
    const endpoints = jobs.flatMap((j) => [...(j.source_endpoint ?? []), ...(j.target_endpoint ?? [])]);
    const bases: BaseEndpoint[] = endpoints.flatMap((e) => [e.endpoint ?? {}, ...(e.endpoint?.source_sharding ?? [])]);
    expect(bases.some((b) => (b.source_sharding?.length ?? 0) > 0)).toBe(true);
    for (const b of bases) expect(b.db_password).toMatch(SECRET);
    const ssl = endpoints.map((e) => e.ssl).filter((s) => s?.ssl_link === true);
    expect(ssl.length).toBeGreaterThan(0);
    for (const s of ssl) expect(`${s?.ssl_cert_key} ${s?.ssl_cert_password}`).toMatch(/SIMSECRET.* SIMSECRET/);
    const migrations = jobs.map((j) => j.user_migration).filter((m) => m !== undefined);
    expect(migrations.length).toBeGreaterThan(3);
    expect(migrations.some((m) => m.password !== undefined)).toBe(true);
    for (const m of migrations) {
      if (m.is_set_password) expect(m.password).toMatch(SECRET);
      expect(m.user_list?.length).toBeGreaterThan(0);
      for (const u of m.user_list ?? []) expect(u.password).toMatch(SECRET);
    }
  });
});
