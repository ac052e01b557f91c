import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unknownJobId } from '../../simulator/index.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe('Job.status from batch-status when the selection reads nothing else', () => {
  it('id + status: ⌈ids / batch⌉ batch-status calls, no batch-detail', async () => {
    const ids = h.sim.jobIds(h.projectId, 25);
    const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id status statusRaw __typename } }`, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs.map((j: any) => [j.id, j.statusRaw])).toEqual(
      ids.map((id) => [id, h.sim.jobDetail(h.projectId, id).status]),
    );
    expect(h.calls('batch-status')).toHaveLength(Math.ceil(25 / h.config.batchSizes.detail));
    expect(h.calls()).toHaveLength(3);
    expect(h.calls('batch-status').flatMap((c) => c.jobs)).toEqual(ids);
  });

  it('status with progress: batch-status and batch-progress together, still no batch-detail', async () => {
    const ids = h.sim.jobIds(h.projectId, 10, 30);
    const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { status progress { percent } } }`, { ids });
    expect(res.errors).toBeUndefined();
    expect(
      h
        .calls()
        .map((c) => c.api)
        .sort(),
    ).toEqual(['batch-progress', 'batch-status']);
  });

  it('any field batch-status lacks: batch-detail answers status too, and batch-status is not called', async () => {
    const ids = h.sim.jobIds(h.projectId, 25);
    for (const extra of ['name', 'createdAt', 'sourceEndpoint { dbType }']) {
      const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id status ${extra} } }`, { ids });
      expect(res.errors).toBeUndefined();
      expect(h.calls('batch-detail')).toHaveLength(3);
      expect(h.calls('batch-status')).toHaveLength(0);
    }
    // Without status the selection stays with batch-detail, which also says whether the job exists.
    await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id } }`, { ids });
    expect(h.calls().map((c) => c.api)).toEqual(['batch-detail', 'batch-detail', 'batch-detail']);
  });

  it('an unknown job is NOT_FOUND through batch-status too, at its position', async () => {
    const [known] = h.sim.jobIds(h.projectId, 1);
    const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { status } }`, { ids: [known, unknownJobId(4)] });
    expect(res.data.jobs[0].status).toBe(h.sim.jobDetail(h.projectId, known!).status);
    expect(res.data.jobs[1]).toBeNull();
    expect(res.errors?.[0]).toMatchObject({
      path: ['jobs', 1],
      extensions: { code: 'NOT_FOUND', drsCode: 'DRS.M00289' },
    });
    expect(h.calls().map((c) => c.api)).toEqual(['batch-status']);
  });
});

describe('Job.logs', () => {
  const LOGS = `query($id: ID!, $first: Int, $after: String) { job(id: $id) { id status
    logs(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { cursor node { level message createdAt } }
    } } }`;

  it('pages a job’s log: one job-log call per page, matching DRS’s own log', async () => {
    const id = h.sim
      .jobIds(h.projectId, 40)
      .find((j) => h.sim.jobDetail(h.projectId, j).status === 'INCRE_TRANSFER_STARTED')!;
    const whole = h.sim.jobLogs(h.projectId, id, { limit: 1000 })!.job;
    expect(whole.total_count).toBeGreaterThan(20);
    const seen: any[] = [];
    let after: string | undefined;
    for (;;) {
      const res = await h.gql(LOGS, { id, first: 9, after });
      expect(res.errors).toBeUndefined();
      const { logs } = res.data.job;
      expect(logs.totalCount).toBe(whole.total_count);
      // job(id) { id status logs }: batch-status for the job, one log call for the page.
      expect(
        h
          .calls()
          .map((c) => c.api)
          .sort(),
      ).toEqual(['batch-status', 'job-log']);
      expect(h.calls('job-log')[0]?.query).toEqual({ type: 'log', offset: String(seen.length), limit: '9' });
      seen.push(...logs.edges.map((e: any) => e.node));
      if (!logs.pageInfo.hasNextPage) break;
      after = logs.pageInfo.endCursor;
    }
    expect(seen).toEqual(
      whole.logs.map((l) => ({
        level: l.level,
        message: l.message,
        createdAt: new Date(l.create_time!).toISOString(),
      })),
    );
  });

  it('several jobs: one log call each; first beyond 200 refused before any call; a failure nulls the logs only', async () => {
    const ids = h.sim.jobIds(h.projectId, 3);
    const res = await h.gql(
      `query($ids: [ID!]!) { jobs(ids: $ids) { logs(first: 2) { totalCount nodes { level } } } }`,
      {
        ids,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(h.calls('job-log')).toHaveLength(3);
    const big = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { logs(first: 201) { totalCount } } }`, { ids });
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.calls('job-log')).toHaveLength(0);
    // A failing log API costs the job its logs only, not the job.
    h.sim.faults.set('job-log', { steps: '503', repeat: true });
    const failing = await h.gql(`query($id: ID!) { job(id: $id) { status logs(first: 2) { totalCount } } }`, {
      id: ids[0],
    });
    h.sim.faults.clear();
    expect(failing.data.job).toEqual({ status: h.sim.jobDetail(h.projectId, ids[0]!).status, logs: null });
    expect(failing.errors?.[0]).toMatchObject({ path: ['job', 'logs'], extensions: { code: 'UPSTREAM_UNAVAILABLE' } });
  });
});
