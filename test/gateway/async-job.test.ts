import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GraphQLResponse, type Harness, startHarness } from '../support/harness.js';

const BATCH = /* GraphQL */ `
  query($id: ID!, $first: Int, $after: String) {
    asyncJobBatch(id: $id) {
      id
      totalCount
      jobs(first: $first, after: $after) {
        totalCount
        edges { cursor node { id status createdAt baseInfo { engineType } job { id name } } }
        pageInfo { hasNextPage hasPreviousPage endCursor }
      }
    }
  }
`;

let h: Harness;
/** The batch with the most jobs, and one whose jobs are all v5-only (no v3 detail). */
let big: string;
let v5Only: string;

beforeAll(async () => {
  h = await startHarness({ DRS_BATCH_SIZE: '50' });
  const batches = h.sim.asyncJobIds(h.projectId).map((id) => h.sim.asyncJobDetail(h.projectId, id, { limit: 1000 })!);
  const ids = h.sim.asyncJobIds(h.projectId);
  const sizes = batches.map((b) => b.total_count);
  big = ids[sizes.indexOf(Math.max(...sizes))]!;
  v5Only = ids.find((_id, i) => batches[i]!.jobs.every((j) => h.sim.jobDetail(h.projectId, j.id).error_code))!;
});
afterAll(() => h.close());

describe('Query.asyncJobBatch', () => {
  it('answers a batch and its first page with one v5 call, and every AsyncJob.job with one batch-detail call', async () => {
    const res = await h.gql(BATCH, { id: big });
    expect(res.errors).toBeUndefined();
    const batch = res.data.asyncJobBatch;
    const upstream = h.sim.asyncJobDetail(h.projectId, big, { limit: 10 })!;
    expect(batch.totalCount).toBe(upstream.total_count);
    expect(batch.jobs.edges.map((e: any) => e.node.id)).toEqual(upstream.jobs.map((j) => j.id));
    for (const { node } of batch.jobs.edges) {
      const v3 = h.sim.jobDetail(h.projectId, node.id);
      expect(node.job).toEqual(v3.error_code ? null : { id: node.id, name: v3.name ?? null });
    }
    expect(h.calls('async-job-detail').map((c) => c.query)).toEqual([{ offset: '0', limit: '10' }]);
    expect(h.calls('batch-detail')).toHaveLength(1);
    expect(h.calls('batch-detail')[0]!.jobs.sort()).toEqual(upstream.jobs.map((j) => j.id).sort());
  });

  it('maps v5 enum values like the v3 ones (enum + Raw), from the same one v5 call', async () => {
    const res = await h.gql(
      `query($id: ID!) { asyncJobBatch(id: $id) { jobs(first: 10) { edges { node {
        baseInfo { jobType jobTypeRaw jobDirection taskType netType netTypeRaw }
        progress { taskMode transferStatus transferStatusRaw } } } } } }`,
      { id: big },
    );
    expect(res.errors).toBeUndefined();
    const upstream = h.sim.asyncJobDetail(h.projectId, big, { limit: 10 })!;
    for (const [i, { node }] of res.data.asyncJobBatch.jobs.edges.entries()) {
      const wire = upstream.jobs[i]!;
      expect(node.baseInfo.jobTypeRaw).toBe(wire.base_info?.job_type ?? null);
      if (wire.base_info?.job_type === 'cloudDataGuard') expect(node.baseInfo.jobType).toBe('CLOUD_DATA_GUARD');
      if (wire.base_info?.job_type === 'sync') expect(node.baseInfo.jobType).toBe('SYNC');
      expect(node.baseInfo.netTypeRaw).toBe(wire.base_info?.net_type ?? null);
      expect(node.progress?.transferStatusRaw ?? null).toBe(wire.progress_info?.transfer_status ?? null);
    }
    expect(h.calls()).toHaveLength(1);
  });

  it('pages through every job, newest first, without gaps or repeats', async () => {
    const all = h.sim.asyncJobDetail(h.projectId, big, { limit: 1000 })!.jobs.map((j) => j.id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const res: GraphQLResponse = await h.gql(BATCH, { id: big, first: 7, after });
      expect(res.errors).toBeUndefined();
      const { jobs } = res.data.asyncJobBatch as { jobs: any };
      seen.push(...jobs.edges.map((e: any) => e.node.id));
      if (!jobs.pageInfo.hasNextPage) break;
      after = jobs.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
    const times = all.map((id) =>
      Date.parse(h.sim.asyncJobDetail(h.projectId, big, { limit: 1000 })!.jobs.find((j) => j.id === id)!.create_time!),
    );
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('gives v5-only jobs (no v3 detail) a null job and no error', async () => {
    const res = await h.gql(BATCH, { id: v5Only });
    expect(res.errors).toBeUndefined();
    expect(res.data.asyncJobBatch.jobs.edges.length).toBeGreaterThan(0);
    for (const { node } of res.data.asyncJobBatch.jobs.edges) expect(node.job).toBeNull();
  });

  it('answers an unknown batch with null and a coded error', async () => {
    const res = await h.gql(BATCH, { id: '00000000-0000-0000-0000-000000000000' });
    expect(res.data.asyncJobBatch).toBeNull();
    expect(res.errors?.map((e) => [e.extensions?.code, e.extensions?.drsCode])).toEqual([
      ['UPSTREAM_ERROR', 'DRS.10000001'],
    ]);
  });

  it('refuses paging arguments out of range before any upstream call', async () => {
    const res = await h.gql(BATCH, { id: big, first: 101 });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    // The batch itself was looked up; the bad page was not.
    expect(h.calls('async-job-detail')).toHaveLength(1);
  });

  it('lists a v5 job object progress through progress-data', async () => {
    const res = await h.gql(
      `query($id: ID!) { asyncJobBatch(id: $id) { jobs(first: 2) { edges { node { id objectProgress(type: TABLE, first: 3) { totalCount } } } } } }`,
      { id: v5Only },
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data.asyncJobBatch.jobs.edges.map((e: any) => e.node);
    for (const node of nodes) {
      expect(node.objectProgress.totalCount).toBe(h.sim.progressData(h.projectId, node.id, 'table')!.count);
    }
    expect(h.calls('progress-data')).toHaveLength(nodes.length);
  });
});
