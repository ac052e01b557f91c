import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ MAX_QUERY_COST: '100000' });
});
afterAll(() => h.close());

async function post(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  h.sim.resetCalls();
  const res = await h.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const body = JSON.parse(text) as { data?: any; errors?: { message: string; path?: unknown[]; extensions?: any }[] };
  return { status: res.status, body, bytes: text.length, error: body.errors?.[0], calls: h.calls().length };
}

const STRUCT = (first: string) =>
  `query($ids: [ID!]!) { jobs(ids: $ids) { id structDetail(type: TABLE) { total objects${first} { edges { node { sourceObject targetObject progress } } } } } }`;

describe('operation cost (MAX_QUERY_COST), from the document and its variables', () => {
  it('refuses big pages of struct objects on many jobs before a single DRS call (the 2.8 GB attack)', async () => {
    const ids = h.sim.jobIds(h.projectId, 1000);
    const aliases = Array.from(
      { length: 5 },
      (_, i) =>
        `a${i}: jobs(ids: $ids) { structDetail(type: TABLE) { objects(first: 2000) { edges { node { sourceObject } } } } }`,
    ).join(' ');
    const r = await post(`query($ids: [ID!]!) { ${aliases} }`, { ids });
    expect(r.status).toBe(400);
    expect(r.error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_QUERY_COST', retryable: false });
    expect(r.error?.message).toMatch(/MAX_QUERY_COST/);
    expect(r.calls).toBe(0);
  });

  it('prices the same document by its variables: few ids pass, many are refused', async () => {
    const few = await post(STRUCT('(first: 50)'), { ids: h.sim.jobIds(h.projectId, 10) });
    expect(few.status).toBe(200);
    expect(few.body.errors).toBeUndefined();
    expect(few.body.data.jobs).toHaveLength(10);
    expect(few.calls).toBe(2); // one batch-detail and one batch-struct-detail call of 10 ids
    const many = await post(STRUCT('(first: 50)'), { ids: h.sim.jobIds(h.projectId, 1000) });
    expect(many.error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_QUERY_COST' });
    expect(many.calls).toBe(0);
  });

  it('counts an omitted `first` as the page size the field declares (100), and `first` from a variable', async () => {
    const ids = h.sim.jobIds(h.projectId, 300);
    // 300 jobs × (2 + 100 edges × 4): over 100,000 with the default page, under it with first: 10.
    const omitted = await post(STRUCT(''), { ids });
    expect(omitted.error?.extensions?.limit).toBe('MAX_QUERY_COST');
    expect(omitted.calls).toBe(0);
    const small = await post(STRUCT('(first: $first)').replace('$ids: [ID!]!', '$ids: [ID!]!, $first: Int'), {
      ids,
      first: 10,
    });
    expect(small.body.errors).toBeUndefined();
    const { detail, structDetail } = h.config.batchSizes;
    expect(h.calls('batch-detail')).toHaveLength(Math.ceil(300 / detail));
    expect(h.calls('batch-struct-detail')).toHaveLength(Math.ceil(300 / structDetail));
    expect(small.calls).toBe(Math.ceil(300 / detail) + Math.ceil(300 / structDetail));
  });

  it('stops walking a fragment bomb early and refuses it', async () => {
    const levels = 30;
    const fragments = Array.from(
      { length: levels },
      (_, i) => `fragment F${i} on Job { ${i + 1 < levels ? `...F${i + 1} ...F${i + 1}` : 'id name'} }`,
    ).join(' ');
    const started = performance.now();
    const r = await post(`query($ids: [ID!]!) { jobs(ids: $ids) { ...F0 } } ${fragments}`, {
      ids: h.sim.jobIds(h.projectId, 1),
    });
    expect(r.error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX' });
    expect(r.calls).toBe(0);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('applies to federation’s _entities and to subscriptions over graphql-ws', async () => {
    const ids = h.sim.jobIds(h.projectId, 1000);
    const representations = ids.map((id) => ({ __typename: 'Job', id }));
    const entities = await post(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Job { id structDetail(type: TABLE) { objects(first: 500) { edges { node { sourceObject } } } } } } }`,
      { r: representations },
    );
    expect(entities.error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_QUERY_COST' });
    expect(entities.calls).toBe(0);

    // Each event is one job's progress (7 values here), whatever the number of ids: a limit under it.
    const limited = await startHarness({ MAX_QUERY_COST: '5' });
    try {
      const client = createClient({ url: limited.wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
      const subIds = limited.sim.jobIds(limited.projectId, 20);
      limited.sim.resetCalls();
      const first = await new Promise<any>((resolve, reject) => {
        client.subscribe(
          {
            query:
              'subscription($ids: [ID!]!) { jobProgress(ids: $ids) { jobId percent transferStatus phases { phase completedPercent } } }',
            variables: { ids: subIds },
          },
          { next: resolve, error: reject, complete: () => resolve('complete') },
        );
      });
      await client.dispose();
      expect(first.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_QUERY_COST' });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(limited.calls()).toHaveLength(0);
    } finally {
      await limited.close();
    }
  });
});

describe('DRS calls foreseen from the document (MAX_DRS_CALLS_PER_OPERATION)', () => {
  it('refuses per-job objectProgress aliases whose calls alone are over the cap, before any call', async () => {
    const ids = h.sim.jobIds(h.projectId, 1000);
    const aliases = Array.from(
      { length: 20 },
      (_, i) => `p${i}: objectProgress(type: TABLE, search: "t${i}", first: 2) { totalCount }`,
    ).join(' ');
    const started = performance.now();
    const r = await post(`query($ids: [ID!]!) { jobs(ids: $ids) { id ${aliases} } }`, { ids });
    expect(r.error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_DRS_CALLS_PER_OPERATION' });
    expect(r.error?.message).toMatch(/at least 20000 DRS calls/);
    expect(r.calls).toBe(0);
    // Before: 300 calls, then 19,700 refused fields, ~5 s of CPU and a 5 MB answer of errors.
    expect(r.bytes).toBeLessThan(1_000);
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('lets objectProgress on a few jobs through, one progress-data call each', async () => {
    const ids = h.sim.jobIds(h.projectId, 5);
    const r = await post(
      'query($ids: [ID!]!) { jobs(ids: $ids) { id objectProgress(type: TABLE, first: 2) { totalCount } } }',
      {
        ids,
      },
    );
    expect(r.body.errors).toBeUndefined();
    expect(h.calls('progress-data')).toHaveLength(5);
  });
});

describe('errors per answer (MAX_ERRORS)', () => {
  it('lists at most MAX_ERRORS field errors and one more that counts the rest', async () => {
    const capped = await startHarness({ MAX_ERRORS: '10' });
    try {
      // 40 well-formed ids DRS does not know: one NOT_FOUND per job.
      const ids = Array.from({ length: 40 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(8, '0')}jb01`);
      capped.sim.resetCalls();
      const r = await capped.gqlRaw<{ jobs: unknown[] }>('query($ids: [ID!]!) { jobs(ids: $ids) { id name } }', {
        ids,
      });
      expect(r.data?.jobs).toHaveLength(40);
      expect(r.data?.jobs.every((job) => job === null)).toBe(true);
      expect(r.errors).toHaveLength(11);
      expect(r.errors?.slice(0, 10).every((e) => e.extensions?.code === 'NOT_FOUND')).toBe(true);
      expect(r.errors?.[10]?.extensions).toEqual({
        code: 'QUERY_TOO_COMPLEX',
        limit: 'MAX_ERRORS',
        omitted: 30,
        retryable: false,
      });
      expect(capped.calls('batch-detail')).toHaveLength(4);
    } finally {
      await capped.close();
    }
  });
});

describe('answer size (MAX_ANSWER_BYTES)', () => {
  it('nulls the fields past the cap with one coded error, and the answer stays near the cap', async () => {
    const small = await startHarness({ MAX_ANSWER_BYTES: '20000' });
    try {
      const ids = small.sim.jobIds(small.projectId, 100);
      small.sim.resetCalls();
      const res = await small.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'query($ids: [ID!]!) { jobs(ids: $ids) { id name status description createdAt sourceEndpoint { ip port dbType } } }',
          variables: { ids },
        }),
      });
      const text = await res.text();
      const body = JSON.parse(text);
      expect(res.status).toBe(200);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0].extensions).toEqual({
        code: 'QUERY_TOO_COMPLEX',
        limit: 'MAX_ANSWER_BYTES',
        retryable: false,
      });
      const jobs = body.data.jobs as ({ name: string } | null)[];
      const kept = jobs.filter((job) => job?.name);
      expect(kept.length).toBeGreaterThan(10);
      expect(kept.length).toBeLessThan(100);
      expect(text.length).toBeLessThan(20000 * 1.25);
      // The cut is in building the answer, not in asking DRS: the batch calls were one per 10 ids.
      expect(small.calls('batch-detail')).toHaveLength(10);
    } finally {
      await small.close();
    }
  });
});
