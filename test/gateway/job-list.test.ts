import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QueryJobResp } from '../../src/drs/types.js';
import { graphqlName } from '../../src/schema/enums.js';
import { type Harness, startHarness } from '../support/harness.js';

/** The embedded default's world as batch-detail describes it, independent of the job list. */
interface WorldJob {
  id: string;
  detail: QueryJobResp;
  eps: string;
}

const SCENARIOS = ['migration', 'sync', 'cloudDataGuard'];
const PAGE = `query Page($filter: JobFilter, $first: Int, $after: String) {
  jobList(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id status dbUseType } }
  }
}`;

let h: Harness;
let world: WorldJob[];

/** Newest first, ids breaking ties: the order DRS's example shows, and so the gateway's. */
function newestFirst(a: WorldJob, b: WorldJob): number {
  return Number(b.detail.create_time) - Number(a.detail.create_time) || (a.id < b.id ? -1 : 1);
}

/** Does one DRS page (per_page ≤ 100) hold rows [offset, offset + n)? Else the gateway needs two. */
function listCallsFor(offset: number, n: number): number {
  for (let size = n; size <= 100; size++) if ((offset % size) + n <= size) return 1;
  return 2;
}

beforeAll(async () => {
  h = await startHarness();
  world = h.sim.jobIds(h.projectId, 1000).map((id) => ({
    id,
    detail: h.sim.jobDetail(h.projectId, id),
    eps: h.sim.enterpriseProjectOf(h.projectId, id)!,
  }));
});
afterAll(() => h.close());

interface Filter {
  dbUseType?: string[];
  status?: string[];
  name?: string;
  engineType?: string;
  netType?: string;
  enterpriseProjectId?: string;
}

/** The jobs a filter selects, from the world (wire values), newest first. */
function expected(f: Filter, wire: { dbUseType?: string[]; status?: string[]; engine?: string; net?: string }) {
  return world
    .filter(
      ({ id, detail: d, eps }) =>
        (!wire.dbUseType || wire.dbUseType.includes(d.db_use_type!)) &&
        (!wire.status || wire.status.includes(d.status!)) &&
        (!wire.engine || d.inst_info?.engine_type === wire.engine) &&
        (!wire.net || d.net_type === wire.net) &&
        (!f.name || id === f.name || d.name!.toLowerCase().includes(f.name.toLowerCase())) &&
        (!f.enterpriseProjectId || eps === f.enterpriseProjectId),
    )
    .sort(newestFirst);
}

/**
 * Pages through jobList under `filter` and checks every page against the world: the ids in order,
 * no gap, no repeat, totals, page info, and exactly the list calls the DRS paging needs (one list
 * per scenario × status; two calls for a list whose rows straddle two DRS pages), nothing else.
 */
async function walk(
  f: Filter,
  wire: { dbUseType?: string[]; status?: string[]; engine?: string; net?: string },
  first: number,
) {
  const want = expected(f, wire);
  const scenarios = wire.dbUseType ?? SCENARIOS;
  const statuses = wire.status ?? [''];
  const listOf = (j: WorldJob) =>
    scenarios.indexOf(j.detail.db_use_type!) * statuses.length + (wire.status ? statuses.indexOf(j.detail.status!) : 0);
  const taken = scenarios.flatMap(() => statuses.map(() => 0));
  const seen: string[] = [];
  let after: string | undefined;
  let pages = 0;
  for (;;) {
    const res = await h.gql(PAGE, { filter: f, first, after });
    expect(res.errors).toBeUndefined();
    const { totalCount, pageInfo, edges } = res.data.jobList;
    const slice = want.slice(seen.length, seen.length + first);
    expect(edges.map((e: any) => e.node.id)).toEqual(slice.map((j) => j.id));
    for (const [i, e] of edges.entries()) {
      expect(e.node.status).toBe(slice[i]!.detail.status);
      expect(e.node.dbUseType).toBe(graphqlName(slice[i]!.detail.db_use_type!));
    }
    expect(totalCount).toBe(want.length);
    expect(h.calls('job-list')).toHaveLength(taken.reduce((sum, o) => sum + listCallsFor(o, first), 0));
    expect(h.calls()).toHaveLength(h.calls('job-list').length);
    for (const j of slice) taken[listOf(j)]!++;
    seen.push(...edges.map((e: any) => e.node.id));
    expect(pageInfo.hasPreviousPage).toBe(pages > 0);
    expect(pageInfo.hasNextPage).toBe(seen.length < want.length);
    pages++;
    if (!pageInfo.hasNextPage) break;
    expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
    after = pageInfo.endCursor;
  }
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen).toEqual(want.map((j) => j.id));
  expect(pages).toBe(Math.max(1, Math.ceil(want.length / first)));
  return want.length;
}

describe('jobList pages through every seeded job without gaps or repeats', () => {
  it('all scenarios: one list call per scenario per page, merged newest first', async () => {
    expect(await walk({}, {}, 100)).toBe(1000);
  });

  it('one scenario, several statuses, engine, network, name, enterprise project', async () => {
    const dr = world.find((j) => j.detail.db_use_type === 'cloudDataGuard')!;
    const tail = world[7]!.detail.name!.split('-').at(-1)!;
    const eps = world.map((j) => j.eps).find((e) => e !== '0')!;
    const counts = [
      await walk({ dbUseType: ['SYNC'] }, { dbUseType: ['sync'] }, 37),
      await walk(
        { status: ['INCRE_TRANSFER_STARTED', 'FULL_TRANSFER_FAILED'] },
        { status: ['INCRE_TRANSFER_STARTED', 'FULL_TRANSFER_FAILED'] },
        25,
      ),
      await walk(
        { dbUseType: ['CLOUD_DATA_GUARD', 'MIGRATION'], engineType: 'CLOUD_DATA_GUARD_MYSQL' },
        { dbUseType: ['cloudDataGuard', 'migration'], engine: 'cloudDataGuard-mysql' },
        30,
      ),
      await walk({ netType: 'EIP' }, { net: 'eip' }, 50),
      await walk({ name: tail.toUpperCase() }, {}, 10),
      await walk({ name: dr.id }, {}, 5),
      await walk({ enterpriseProjectId: eps, dbUseType: ['MIGRATION'] }, { dbUseType: ['migration'] }, 40),
    ];
    // Each filter really selects something, and less than everything.
    for (const n of counts) expect(n).toBeGreaterThan(0);
    for (const n of counts) expect(n).toBeLessThan(1000);
    expect(counts[5]).toBe(1);
  });
});

describe('nodes are full Jobs, from the same batch loaders', () => {
  it('a page of 20 with progress and a detail field: 3 list calls + ⌈20/batch⌉ per API', async () => {
    const res = await h.gql(`{ jobList(first: 20) { edges { node { id createdAt progress { percent } } } } }`);
    expect(res.errors).toBeUndefined();
    const nodes = res.data.jobList.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.id)).toEqual(
      expected({}, {})
        .slice(0, 20)
        .map((j) => j.id),
    );
    for (const n of nodes) {
      expect(n.createdAt).toBe(new Date(Number(h.sim.jobDetail(h.projectId, n.id).create_time)).toISOString());
      expect(n.progress.percent).toBe(Number(h.sim.jobProgress(h.projectId, n.id).progress));
    }
    expect(h.calls('job-list')).toHaveLength(3);
    expect(h.calls('batch-detail')).toHaveLength(Math.ceil(20 / h.config.batchSizes.detail));
    expect(h.calls('batch-progress')).toHaveLength(Math.ceil(20 / h.config.batchSizes.progress));
    expect(h.calls()).toHaveLength(3 + 2 + 1);
  });

  it('fields the list row carries cost no batch-detail call; progress still one batch', async () => {
    const res = await h.gql(`{ jobList(first: 20) {
      nodes { id name status description dbUseType netType jobDirection taskType progress { percent } }
    } }`);
    expect(res.errors).toBeUndefined();
    for (const n of res.data.jobList.nodes) {
      const d = h.sim.jobDetail(h.projectId, n.id);
      expect([n.name, n.status, n.description ?? '', n.netType, n.jobDirection, n.taskType]).toEqual([
        d.name,
        d.status,
        d.description,
        graphqlName(d.net_type!),
        graphqlName(d.job_direction!),
        graphqlName(d.task_type!),
      ]);
    }
    expect(
      h
        .calls()
        .map((c) => c.api)
        .sort(),
    ).toEqual(['batch-progress', 'job-list', 'job-list', 'job-list']);
  });

  it('a listed job batch-detail fails for is a null node with its error; the page stands', async () => {
    h.sim.faults.set('batch-detail', 'missing');
    const res = await h.gql(
      `{ jobList(filter: { dbUseType: [SYNC] }, first: 5) { totalCount edges { cursor node { id createdAt } } } }`,
    );
    h.sim.faults.clear();
    const edges = res.data.jobList.edges as { cursor: string; node: { id: string } | null }[];
    expect(edges).toHaveLength(5);
    const missing = edges.findIndex((e) => e.node === null);
    expect(missing).toBeGreaterThanOrEqual(0);
    expect(edges.filter((e) => e.node === null)).toHaveLength(1);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]).toMatchObject({
      path: ['jobList', 'edges', missing, 'node'],
      extensions: { code: 'UPSTREAM_BAD_RESPONSE' },
    });
    expect(h.calls().map((c) => c.api)).toEqual(['job-list', 'batch-detail']);
  });
});

describe('refusals', () => {
  it('bad arguments are BAD_USER_INPUT before any DRS call', async () => {
    const first = await h.gql(`{ jobList(filter: { dbUseType: [SYNC] }, first: 2) { edges { cursor } } }`);
    const syncCursor = first.data.jobList.edges[1].cursor as string;
    // Same filter, but counts for two lists where the filter has one, or a negative count.
    const forge = (counts: string) =>
      Buffer.from(
        Buffer.from(syncCursor, 'base64url')
          .toString()
          .replace(/:[^:]+$/, `:${counts}`),
      ).toString('base64url');
    const cases: [string, Record<string, unknown>][] = [
      ['query($n: Int) { jobList(first: $n) { totalCount } }', { n: 101 }],
      ['query($n: Int) { jobList(first: $n) { totalCount } }', { n: -1 }],
      ['query($a: String) { jobList(after: $a) { totalCount } }', { a: 'bm9wZQ' }],
      [
        'query($a: String) { jobList(after: $a, filter: { dbUseType: [MIGRATION] }) { totalCount } }',
        { a: syncCursor },
      ],
      ['query($a: String) { jobList(after: $a, filter: { dbUseType: [SYNC] }) { totalCount } }', { a: forge('1.2') }],
      ['query($a: String) { jobList(after: $a, filter: { dbUseType: [SYNC] }) { totalCount } }', { a: forge('-1') }],
      ['{ jobList(filter: { status: [UNKNOWN] }) { totalCount } }', {}],
      ['{ jobList(filter: { engineType: UNKNOWN }) { totalCount } }', {}],
      ['query($s: [JobStatus!]) { jobList(filter: { status: $s }) { totalCount } }', { s: ['RUNNING'] }],
      [
        'query($s: [JobStatus!]) { jobList(filter: { status: $s }) { totalCount } }',
        {
          s: [
            'CREATING',
            'CREATE_FAILED',
            'CONFIGURATION',
            'STARTJOBING',
            'WAITING_FOR_START',
            'START_JOB_FAILED',
          ].concat(['PAUSING', 'FULL_TRANSFER_STARTED', 'FULL_TRANSFER_FAILED', 'FULL_TRANSFER_COMPLETE', 'DELETED']),
        },
      ],
      ['{ jobList(filter: { enterpriseProjectId: "x/../y" }) { totalCount } }', {}],
      ['query($n: String) { jobList(filter: { name: $n }) { totalCount } }', { n: 'a\nb' }],
    ];
    for (const [query, variables] of cases) {
      const res = await h.gql(query, variables);
      expect(res.errors?.[0]?.extensions?.code, `${query} ${JSON.stringify(variables)}`).toBe('BAD_USER_INPUT');
      expect(h.calls()).toHaveLength(0);
    }
    // The untampered cursor is fine, and so is a well-formed one of the same filter.
    expect(
      (
        await h.gql(`query($a: String) { jobList(filter: { dbUseType: [SYNC] }, after: $a) { totalCount } }`, {
          a: forge('7'),
        })
      ).errors,
    ).toBeUndefined();
    const next = await h.gql(
      `query($a: String) { jobList(filter: { dbUseType: [SYNC] }, first: 1, after: $a) { totalCount } }`,
      {
        a: syncCursor,
      },
    );
    expect(next.errors).toBeUndefined();
  });

  it('a page whose list calls exceed MAX_DRS_CALLS_PER_OPERATION is refused before any call', async () => {
    const small = await startHarness({ MAX_DRS_CALLS_PER_OPERATION: '2', MAX_IDS_PER_QUERY: '10' });
    try {
      const all = await small.gql(`{ jobList(first: 5) { totalCount } }`);
      expect(all.errors?.[0]?.extensions).toMatchObject({
        code: 'QUERY_TOO_COMPLEX',
        limit: 'MAX_DRS_CALLS_PER_OPERATION',
      });
      expect(small.calls()).toHaveLength(0);
      const one = await small.gql(`{ jobList(filter: { dbUseType: [SYNC] }, first: 5) { totalCount nodes { id } } }`);
      expect(one.errors).toBeUndefined();
      expect(small.calls('job-list')).toHaveLength(1);
      // Listed jobs count against MAX_IDS_PER_QUERY like ids given by hand (known once DRS answered).
      const many = await small.gql(`{ jobList(filter: { dbUseType: [SYNC] }, first: 11) { nodes { id } } }`);
      expect(many.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(small.calls()).toHaveLength(1);
    } finally {
      await small.close();
    }
  });
});
