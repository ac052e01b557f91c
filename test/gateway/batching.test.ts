import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

const DASHBOARD = /* GraphQL */ `
  query Dashboard($ids: [ID!]!) {
    jobs(ids: $ids) {
      id
      name
      status
      sourceEndpoint { dbType ip port }
      targetEndpoint { dbType instanceName }
      progress { jobId percent transferStatus }
      structDetail(type: TABLE) { jobId type total objects { totalCount edges { node { sourceObject progress } } } }
    }
  }
`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ DRS_BATCH_SIZE: '25' });
});
afterAll(() => h.close());

describe('batching', () => {
  it('answers 25 jobs × (detail + progress + structDetail) with exactly 3 upstream calls', async () => {
    const ids = h.sim.jobIds(h.projectId, 25);
    const res = await h.gql(DASHBOARD, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs.map((j: { id: string }) => j.id)).toEqual(ids);
    for (const job of res.data.jobs) {
      expect(job.progress.jobId).toBe(job.id);
      expect(job.structDetail.jobId).toBe(job.id);
      expect(job.structDetail.type).toBe('TABLE');
    }
    expect(
      h
        .calls()
        .map((c) => c.api)
        .sort(),
    ).toEqual(['batch-detail', 'batch-progress', 'batch-struct-detail']);
    for (const call of h.calls()) expect([...call.jobs].sort()).toEqual([...ids].sort());
    expect(h.calls('batch-struct-detail')[0]?.type).toBe('table');
  });

  it('folds aliases, fragments and repeated ids into the same calls, each id sent once', async () => {
    const [a, b, c] = h.sim.jobIds(h.projectId, 3) as [string, string, string];
    const res = await h.gql(
      /* GraphQL */ `
        fragment P on Job { progress { percent } }
        query($a: ID!, $b: ID!, $c: ID!) {
          one: job(id: $a) { id ...P structDetail(type: TABLE) { total } }
          two: job(id: $a) { name progress { transferStatus } }
          many: jobs(ids: [$a, $b, $c, $b, $a]) { id ...P structDetail(type: VIEW) { total } }
          again: jobs(ids: [$c]) { id structDetail(type: TABLE) { total } }
        }
      `,
      { a, b, c },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.many.map((j: { id: string }) => j.id)).toEqual([a, b, c, b, a]);
    expect(res.data.one.id).toBe(a);
    expect(h.calls('batch-detail')).toHaveLength(1);
    expect(h.calls('batch-progress')).toHaveLength(1);
    // Two object types are two different API paths: one call each.
    const structCalls = h.calls('batch-struct-detail');
    expect(structCalls.map((call) => call.type).sort()).toEqual(['table', 'view']);
    for (const call of [...h.calls('batch-detail'), ...h.calls('batch-progress')]) {
      expect([...call.jobs].sort()).toEqual([a, b, c].sort());
    }
    expect([...structCalls.find((call) => call.type === 'table')!.jobs].sort()).toEqual([a, c].sort());
  });

  it('maps rows by job id when DRS answers in shuffled order', async () => {
    h.sim.configure({ shuffle: true });
    try {
      const ids = h.sim.jobIds(h.projectId, 20, 100);
      const res = await h.gql(DASHBOARD, { ids });
      expect(res.errors).toBeUndefined();
      for (const [i, job] of res.data.jobs.entries()) {
        expect(job.id).toBe(ids[i]);
        expect(job.progress.jobId).toBe(ids[i]);
        expect(job.structDetail.jobId).toBe(ids[i]);
      }
      expect(h.calls()).toHaveLength(3);
    } finally {
      h.sim.configure({ shuffle: false });
    }
  });

  it('never loses jobs to the documented per_page default of 5', async () => {
    const ids = h.sim.jobIds(h.projectId, 25, 200);
    const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id name } }`, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs.filter((j: unknown) => j !== null)).toHaveLength(25);
    expect(h.calls('batch-detail')).toHaveLength(1);
    expect(h.calls('batch-detail')[0]?.jobs).toHaveLength(25);
  });
});

describe('chunking by the per-API batch sizes', () => {
  let small: Harness;
  beforeAll(async () => {
    small = await startHarness({ DRS_BATCH_SIZE: '10', DRS_PROGRESS_BATCH_SIZE: '20', DRS_STRUCT_BATCH_SIZE: '15' });
  });
  afterAll(() => small.close());

  it("makes ⌈N / batch⌉ calls per API and none bigger than that API's batch", async () => {
    const ids = small.sim.jobIds(small.projectId, 45);
    const res = await small.gql(DASHBOARD, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs).toHaveLength(45);
    for (const [api, size, count] of [
      ['batch-detail', 10, 5],
      ['batch-progress', 20, 3],
      ['batch-struct-detail', 15, 3],
    ] as const) {
      const calls = small.calls(api);
      expect(calls).toHaveLength(count);
      expect(Math.max(...calls.map((call) => call.jobs.length))).toBeLessThanOrEqual(size);
      expect(new Set(calls.flatMap((call) => call.jobs)).size).toBe(45);
    }
  });

  it('defaults to 10 ids per batch-detail call and 100 per progress and struct-detail call', async () => {
    const defaults = await startHarness({ DRS_BATCH_SIZE: '' });
    try {
      const ids = defaults.sim.jobIds(defaults.projectId, 45);
      const res = await defaults.gql(DASHBOARD, { ids });
      expect(res.errors).toBeUndefined();
      expect(defaults.calls('batch-detail')).toHaveLength(5);
      expect(defaults.calls('batch-progress')).toHaveLength(1);
      expect(defaults.calls('batch-struct-detail')).toHaveLength(1);
    } finally {
      await defaults.close();
    }
  });

  it('asks only the APIs the query selects', async () => {
    const ids = small.sim.jobIds(small.projectId, 5);
    const res = await small.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id name } }`, { ids });
    expect(res.errors).toBeUndefined();
    expect(small.calls().map((c) => c.api)).toEqual(['batch-detail']);
  });
});
