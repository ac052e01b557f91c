import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/schema/paging.js';
import { type GraphQLResponse, type Harness, startHarness } from '../support/harness.js';

const PAGE = /* GraphQL */ `
  query($id: ID!, $first: Int, $after: String, $last: Int, $before: String) {
    job(id: $id) {
      objectProgress(type: TABLE, first: $first, after: $after, last: $last, before: $before) {
        totalCount
        edges { cursor node { sourceDatabase sourceObject targetDatabase targetObject progress } }
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      }
    }
  }
`;

type Row = {
  sourceDatabase: string;
  sourceObject: string;
  targetDatabase: string;
  targetObject: string;
  progress: number;
};

let h: Harness;
let big: string;
let expected: Row[];

beforeAll(async () => {
  h = await startHarness();
  // A job with a big schema (2,000–3,000 tables), so paging crosses several upstream pages.
  big = h.sim.jobIds(h.projectId, 300).find((id) => (h.sim.progressData(h.projectId, id, 'table')?.count ?? 0) > 2000)!;
  const count = h.sim.progressData(h.projectId, big, 'table')!.count;
  expected = [];
  for (let offset = 0; offset < count; offset += 1000) {
    for (const r of h.sim.progressData(h.projectId, big, 'table', { offset, limit: 1000 })!.flow_compare_data) {
      expected.push({
        sourceDatabase: r.src_db!,
        sourceObject: r.src_tb!,
        targetDatabase: r.dst_db!,
        targetObject: r.dst_tb!,
        progress: r.progress!,
      });
    }
  }
});
afterAll(() => h.close());

describe('Job.objectProgress', () => {
  it('pages forward through every row without gaps or repeats, one upstream call per page', async () => {
    const seen: Row[] = [];
    let after: string | null = null;
    for (let page = 0; ; page++) {
      const res: GraphQLResponse = await h.gql(PAGE, { id: big, first: 1000, after });
      expect(res.errors).toBeUndefined();
      const c = res.data.job.objectProgress as any;
      expect(c.totalCount).toBe(expected.length);
      expect(c.pageInfo.hasPreviousPage).toBe(page > 0);
      seen.push(...c.edges.map((e: { node: Row }) => e.node));
      expect(h.calls('progress-data').map((call) => call.query)).toEqual([
        { offset: String(page * 1000), limit: '1000' },
      ]);
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('pages backward from the end; only the first step needs a call for the total', async () => {
    const seen: Row[] = [];
    let before: string | null = null;
    for (let step = 0; ; step++) {
      const res: GraphQLResponse = await h.gql(PAGE, { id: big, last: 1000, before });
      expect(res.errors).toBeUndefined();
      const c = res.data.job.objectProgress as any;
      expect(c.totalCount).toBe(expected.length);
      expect(c.pageInfo.hasNextPage).toBe(step > 0);
      seen.unshift(...c.edges.map((e: { node: Row }) => e.node));
      expect(h.calls('progress-data')).toHaveLength(step === 0 ? 2 : 1);
      if (!c.pageInfo.hasPreviousPage) break;
      before = c.pageInfo.startCursor;
    }
    expect(seen).toEqual(expected);
  });

  it('issues cursors that round-trip to the same rows', async () => {
    const first = await h.gql(PAGE, { id: big, first: 5, after: encodeCursor(9) });
    const edges = first.data.job.objectProgress.edges;
    expect(edges.map((e: { node: Row }) => e.node)).toEqual(expected.slice(10, 15));
    expect(edges[0].cursor).toBe(encodeCursor(10));
    const again = await h.gql(PAGE, { id: big, last: 2, before: edges[4].cursor });
    expect(again.data.job.objectProgress.edges).toEqual(edges.slice(2, 4));
  });

  it('answers a page bigger than one upstream page with the fewest calls, all at once', async () => {
    const res = await h.gql(PAGE, { id: big, first: 2000, after: encodeCursor(99) });
    expect(res.errors).toBeUndefined();
    expect(res.data.job.objectProgress.edges).toHaveLength(2000);
    expect(h.calls('progress-data').map((c) => c.query)).toEqual([
      { offset: '100', limit: '1000' },
      { offset: '1100', limit: '1000' },
    ]);
  });

  it.each([
    ['first above the cap of 2000', { first: 2001 }],
    ['a negative last', { last: -1 }],
    ['a cursor it never issued', { after: 'bm90LWEtY3Vyc29y' }],
  ])('refuses %s before any upstream call', async (_name, args) => {
    const res = await h.gql(PAGE, { id: big, ...args });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.data.job.objectProgress).toBeNull();
    expect(h.calls('progress-data')).toHaveLength(0);
  });

  it('fetches the same job, type and page once across aliases, and jobs concurrently', async () => {
    const ids = h.sim.jobIds(h.projectId, 3);
    const res = await h.gql(
      `query($ids: [ID!]!) { jobs(ids: $ids) {
        a: objectProgress(type: TABLE, first: 5) { totalCount }
        b: objectProgress(type: TABLE, first: 5) { edges { node { sourceObject } } }
        c: objectProgress(type: VIEW) { totalCount }
      } }`,
      { ids },
    );
    expect(res.errors).toBeUndefined();
    const calls = h.calls('progress-data');
    expect(calls.map((c) => `${c.jobs[0]} ${c.type} ${c.query?.limit}`).sort()).toEqual(
      ids.flatMap((id) => [`${id} table 5`, `${id} view 100`]).sort(),
    );
  });

  it('passes search to DRS as search_name', async () => {
    await h.gql(`query($id: ID!) { job(id: $id) { objectProgress(type: TABLE, search: "orders") { totalCount } } }`, {
      id: big,
    });
    expect(h.calls('progress-data').map((c) => c.query)).toEqual([
      { offset: '0', limit: '100', search_name: 'orders' },
    ]);
  });
});

describe('StructDetail.objects', () => {
  it('pages the list batch-struct-detail returns whole, like every other list', async () => {
    const list = h.sim.structDetail(h.projectId, big, 'table').struct_detail!.list!;
    const query = `query($id: ID!, $after: String, $before: String) { job(id: $id) { structDetail(type: TABLE) {
      head: objects(first: 3, after: $after) { totalCount edges { cursor node { sourceObject } } pageInfo { hasNextPage hasPreviousPage } }
      tail: objects(last: 2, before: $before) { edges { node { sourceObject } } pageInfo { hasNextPage hasPreviousPage } }
    } } }`;
    const res = await h.gql(query, { id: big, after: encodeCursor(1), before: encodeCursor(list.length - 1) });
    expect(res.errors).toBeUndefined();
    const { head, tail } = res.data.job.structDetail;
    expect(head.totalCount).toBe(list.length);
    expect(head.edges.map((e: any) => e.node.sourceObject)).toEqual(list.slice(2, 5).map((o) => o.src_TB ?? o.src_tb));
    expect(head.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
    expect(tail.edges.map((e: any) => e.node.sourceObject)).toEqual(
      list.slice(-3, -1).map((o) => o.src_TB ?? o.src_tb),
    );
    expect(tail.pageInfo).toEqual({ hasNextPage: true, hasPreviousPage: true });
    expect(h.calls('batch-struct-detail')).toHaveLength(1);
  });
});
