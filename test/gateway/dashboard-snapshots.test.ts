import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * Whole answers of the dashboard a user builds first, against the seeded simulator (seed 1, clock at
 * its anchor): any change to a field's value, shape, order or error wording shows as a diff of the
 * snapshot file, to be read and accepted (`vitest -u`) or fixed. Each also pins its DRS calls.
 */
const DASHBOARD = /* GraphQL */ `
  query Dashboard($ids: [ID!]!) {
    jobs(ids: $ids) {
      id name status dbUseType createdAt
      sourceEndpoint { dbType ip port instanceName }
      targetEndpoint { dbType ip port instanceName }
      progress { percent transferStatus incrementalDelaySeconds remainingSeconds phases { phase completedPercent } }
      structDetail(type: TABLE) { total objects(first: 3) { totalCount edges { node { sourceObject targetObject progress } } } }
    }
  }
`;

const DISCOVERY = /* GraphQL */ `
  query Discover($filter: JobFilter) {
    jobList(first: 5, filter: $filter) {
      totalCount
      pageInfo { hasNextPage }
      nodes { id name status dbUseType progress { percent } }
    }
  }
`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const calls = () => h.calls().map((call) => call.api);

describe('dashboard answers, whole', () => {
  it('five live jobs: details, endpoints, progress and table details', async () => {
    const res = await h.gql(DASHBOARD, { ids: h.sim.jobIds(h.projectId, 5) });
    await expect(JSON.stringify(res, null, 2)).toMatchFileSnapshot('__snapshots__/dashboard-five-jobs.json');
    expect(calls().sort()).toEqual(['batch-detail', 'batch-progress', 'batch-struct-detail']);
  });

  it('a live job beside a malformed and an unknown id: one answer, two coded errors', async () => {
    const [live] = h.sim.jobIds(h.projectId, 1);
    const res = await h.gql(DASHBOARD, { ids: [live, 'not-a-job', '00000000-0000-4000-8000-00000000jb01'] });
    await expect(JSON.stringify(res, null, 2)).toMatchFileSnapshot('__snapshots__/dashboard-errors.json');
    expect(calls().sort()).toEqual(['batch-detail', 'batch-progress', 'batch-struct-detail']);
  });

  it('the first page of discovery, synchronization jobs only', async () => {
    const res = await h.gql(DISCOVERY, { filter: { dbUseType: ['SYNC'] } });
    await expect(JSON.stringify(res, null, 2)).toMatchFileSnapshot('__snapshots__/discovery-first-page.json');
    expect(calls().sort()).toEqual(['batch-progress', 'job-list']);
  });
});
