import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

const LATENCY = 300;

/** Arrival times of each API's calls, relative to the first call of the operation. */
function arrivals(h: Harness): Record<string, number> {
  const first = Math.min(...h.calls().map((c) => c.at));
  const out: Record<string, number> = {};
  for (const call of h.calls()) out[call.type ? `${call.api}:${call.type}` : call.api] = call.at - first;
  return out;
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { latencyMs: LATENCY });
});
afterAll(() => h.close());

describe('one upstream round trip', () => {
  it('starts progress and struct-detail calls together with batch-detail', async () => {
    const ids = h.sim.jobIds(h.projectId, 10);
    const res = await h.gql(
      /* GraphQL */ `
        query($ids: [ID!]!, $type: StructObjectType!) {
          jobs(ids: $ids) { id progress { percent } structDetail(type: $type) { total } }
        }
      `,
      { ids, type: 'VIEW' },
    );
    expect(res.errors).toBeUndefined();
    expect(h.calls()).toHaveLength(3);
    const at = arrivals(h);
    // Sequential calls would arrive a full upstream latency apart.
    expect(Object.keys(at).sort()).toEqual(['batch-detail', 'batch-progress', 'batch-struct-detail:view']);
    for (const offset of Object.values(at)) expect(offset).toBeLessThan(LATENCY / 2);
  });

  it('looks through named and inline fragments and aliases on job(id)', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const res = await h.gql(
      /* GraphQL */ `
        fragment Parts on Job { ... on Job { p: progress { percent } } }
        query($id: ID!) { one: job(id: $id) { id ...Parts s: structDetail(type: TRIGGER) { total } } }
      `,
      { id },
    );
    expect(res.errors).toBeUndefined();
    expect(Object.keys(arrivals(h)).sort()).toEqual(['batch-detail', 'batch-progress', 'batch-struct-detail:trigger']);
    for (const offset of Object.values(arrivals(h))) expect(offset).toBeLessThan(LATENCY / 2);
  });

  it('starts objectProgress pages (v5 progress-data, one call per job) together with batch-detail', async () => {
    const ids = h.sim.jobIds(h.projectId, 3);
    const res = await h.gql(
      /* GraphQL */ `
        query($ids: [ID!]!) {
          jobs(ids: $ids) { name objectProgress(type: TABLE, first: 5) { totalCount edges { node { sourceObject } } } }
        }
      `,
      { ids },
    );
    expect(res.errors).toBeUndefined();
    for (const [i, id] of ids.entries()) {
      const page = h.sim.progressData(h.projectId, id, 'table', { offset: 0, limit: 5 })!;
      expect(res.data.jobs[i].objectProgress.totalCount).toBe(page.count);
      expect(res.data.jobs[i].objectProgress.edges.map((e: { node: unknown }) => e.node)).toEqual(
        page.flow_compare_data.map((r) => ({ sourceObject: r.src_tb })),
      );
    }
    const calls = h.calls();
    expect(calls.map((c) => c.api).sort()).toEqual(['batch-detail', ...ids.map(() => 'progress-data')]);
    expect(h.calls('progress-data').map((c) => [c.jobs[0], c.query])).toEqual(
      expect.arrayContaining(ids.map((id) => [id, { offset: '0', limit: '5' }])),
    );
    const first = Math.min(...calls.map((c) => c.at));
    for (const call of calls) expect(call.at - first).toBeLessThan(LATENCY / 2);
  });

  it('for last without before, starts the call for the total with batch-detail; the page needs it first', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const res = await h.gql(
      `query($id: ID!) { job(id: $id) { name objectProgress(type: TABLE, last: 3) { totalCount } } }`,
      {
        id,
      },
    );
    expect(res.errors).toBeUndefined();
    const detail = h.calls('batch-detail');
    const pages = h.calls('progress-data');
    expect(detail).toHaveLength(1);
    expect(pages.map((c) => c.query)).toEqual([{ offset: '0', limit: '1' }, expect.objectContaining({ limit: '3' })]);
    expect(Math.abs(pages[0]!.at - detail[0]!.at)).toBeLessThan(LATENCY / 2);
    expect(pages[1]!.at - detail[0]!.at).toBeGreaterThanOrEqual(LATENCY * 0.9);
  });

  it("an unknown id's speculative progress-data call fails quietly: one NOT_FOUND error, for the job", async () => {
    const [a] = h.sim.jobIds(h.projectId, 1);
    const stranger = h.sim.jobIds(h.sim.projects[1]!.projectId, 1)[0]!;
    const res = await h.gql(
      `query($ids: [ID!]!) { jobs(ids: $ids) { id objectProgress(type: VIEW) { totalCount } } }`,
      {
        ids: [a, stranger],
      },
    );
    expect(res.data.jobs[0].objectProgress.totalCount).toBe(h.sim.progressData(h.projectId, a!, 'view')!.count);
    expect(res.data.jobs[1]).toBeNull();
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['jobs', 1], 'NOT_FOUND']]);
    // The other project's job is asked for in this project only, where DRS does not know it.
    expect(h.calls('progress-data').map((c) => [c.projectId, c.jobs[0], c.outcome])).toEqual(
      expect.arrayContaining([
        [h.projectId, a, 'ok'],
        [h.projectId, stranger, 'not-found'],
      ]),
    );
    expect(h.calls()).toHaveLength(3);
  });

  it('starts objectProgress early for as many jobs as the per-API cap runs at once; unknown ids cannot multiply calls', async () => {
    const cap = h.config.resilience.maxConcurrencyPerApi;
    const ids = h.sim.jobIds(h.projectId, cap + 4);
    const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id objectProgress(type: TABLE, first: 2) { totalCount } } }`;
    const res = await h.gql(query, { ids });
    expect(res.errors).toBeUndefined();
    const detailAt = h.calls('batch-detail')[0]!.at;
    const pages = h.calls('progress-data');
    expect(pages).toHaveLength(ids.length);
    // The rest would only have queued behind the first `cap`: they start once the details are in.
    expect(pages.filter((c) => c.at - detailAt < LATENCY / 2)).toHaveLength(cap);
    expect(pages.filter((c) => c.at - detailAt >= LATENCY * 0.9)).toHaveLength(4);

    const strangers = h.sim.jobIds(h.sim.projects[1]!.projectId, 3 * cap);
    const refused = await h.gql(query, { ids: strangers });
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(strangers.map(() => 'NOT_FOUND'));
    // Calls queued behind the cap would still go out after the answer: wait for them to show.
    await new Promise((resolve) => setTimeout(resolve, 3 * LATENCY));
    expect(h.calls('progress-data')).toHaveLength(cap);
  });

  it('fetches nothing the operation does not ask for (@skip/@include honoured)', async () => {
    const ids = h.sim.jobIds(h.projectId, 3);
    const res = await h.gql(
      /* GraphQL */ `
        query($ids: [ID!]!, $withProgress: Boolean!, $skipStruct: Boolean!) {
          jobs(ids: $ids) {
            id
            progress @include(if: $withProgress) { percent }
            structDetail(type: TABLE) @skip(if: $skipStruct) { total }
          }
        }
      `,
      { ids, withProgress: false, skipStruct: true },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs[0]).toEqual({ id: ids[0] });
    expect(h.calls().map((c) => c.api)).toEqual(['batch-detail']);
  });

  it('keeps per-job errors exactly as before: one error for an unknown id, none from prefetching', async () => {
    const [a] = h.sim.jobIds(h.projectId, 1);
    const stranger = h.sim.jobIds(h.sim.projects[1]!.projectId, 1)[0]!;
    const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id progress { percent } } }`, {
      ids: [a, stranger, 'bad'],
    });
    expect(res.data.jobs[0].id).toBe(a);
    expect(res.data.jobs.slice(1)).toEqual([null, null]);
    const errors = res.errors?.map((e) => [e.path, e.extensions?.code]);
    expect(errors?.sort((x, y) => String(x[0]).localeCompare(String(y[0])))).toEqual([
      [['jobs', 1], 'NOT_FOUND'],
      [['jobs', 2], 'BAD_USER_INPUT'],
    ]);
    expect(h.calls()).toHaveLength(2);
  });
});
