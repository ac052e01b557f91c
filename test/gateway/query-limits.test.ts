import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ MAX_QUERY_TOKENS: '2000', MAX_QUERY_DEPTH: '15', MAX_ALIASES: '30', MAX_DIRECTIVES: '20' });
});
afterAll(() => h.close());

/** Sends a query over HTTP; returns the status, the first error's extensions and the calls it made. */
async function refused(query: string, variables?: Record<string, unknown>) {
  h.sim.resetCalls();
  const res = await h.fetch('http://gateway/graphql', {
    method: 'POST',
    // The GraphQL-over-HTTP media type: request errors are 400 (under plain application/json, the
    // spec has a document refused while parsing answered 200, as yoga answers every syntax error).
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: any }[] };
  return { status: res.status, body, error: body.errors?.[0], calls: h.calls().length };
}

describe('query shape limits (every transport: parse and validate plugins)', () => {
  it('refuses nesting 5,000 deep with a coded 400 instead of overflowing the parser', async () => {
    const deep = `${'{ a '.repeat(5_000)}${'}'.repeat(5_000)}`;
    const { status, error, calls } = await refused(deep);
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_QUERY_TOKENS' });
    expect(error?.message).toMatch(/Token limit of 2000/);
    expect(calls).toBe(0);
  });

  it('refuses a query text over MAX_QUERY_BYTES before parsing it, whatever its few tokens', async () => {
    const { status, error, calls } = await refused(`{ job(id: "${'x'.repeat(150_000)}") { id } }`);
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_QUERY_BYTES' });
    expect(error?.message).not.toContain('xxxxxxxx');
    expect(calls).toBe(0);
  });

  it('refuses a selection deeper than MAX_QUERY_DEPTH', async () => {
    const deep = `{ job(id: "x") ${'{ a '.repeat(15)}${'}'.repeat(15)} }`;
    const { status, error, calls } = await refused(deep);
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_QUERY_DEPTH' });
    expect(calls).toBe(0);
  });

  it('refuses 1,000 aliases of jobs(ids) before a single DRS call (the crash of issue 16), and 31', async () => {
    const ids = h.sim.jobIds(h.projectId, 10);
    const aliased = (n: number) =>
      `query($ids: [ID!]!) { ${Array.from({ length: n }, (_, i) => `a${i}: jobs(ids: $ids) { id }`).join(' ')} }`;
    const thousand = await refused(aliased(1_000), { ids });
    expect(thousand.status).toBe(400);
    // So many aliases are past the token limit already, which the parser checks first.
    expect(thousand.error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', retryable: false });
    expect(thousand.calls).toBe(0);
    const few = await refused(aliased(31), { ids });
    expect(few.status).toBe(400);
    expect(few.error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_ALIASES' });
    expect(few.error?.message).toMatch(/MAX_ALIASES/);
    expect(few.calls).toBe(0);
  });

  it('refuses more directives than MAX_DIRECTIVES', async () => {
    const { status, error } = await refused(`{ __typename ${'@include(if: true) '.repeat(21)}}`);
    expect(status).toBe(400);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'MAX_DIRECTIVES' });
  });

  it('lets a dashboard with a few aliases and GraphiQL’s introspection through', async () => {
    const ids = h.sim.jobIds(h.projectId, 3);
    const dashboard = await refused(
      `query($ids: [ID!]!) { jobs(ids: $ids) { id name progress { percent }
        tables: structDetail(type: TABLE) { total } views: structDetail(type: VIEW) { total } } }`,
      { ids },
    );
    expect(dashboard.body.errors).toBeUndefined();
    expect(dashboard.calls).toBe(4);
    const introspection = await refused(getIntrospectionQuery());
    expect(introspection.body.errors).toBeUndefined();
    expect(introspection.calls).toBe(0);
  });
});

describe('DRS calls per operation (MAX_DRS_CALLS_PER_OPERATION)', () => {
  let small: Harness;
  beforeAll(async () => {
    small = await startHarness({ MAX_DRS_CALLS_PER_OPERATION: '6', DRS_BATCH_SIZE: '1' });
  });
  afterAll(() => small.close());

  it('sends at most the cap, every API together; the fields past it fail coded, unsent', async () => {
    const ids = small.sim.jobIds(small.projectId, 8);
    const res = await small.gql('query($ids: [ID!]!) { jobs(ids: $ids) { id } }', { ids });
    expect(small.calls()).toHaveLength(6);
    const answered = res.data.jobs.filter((job: unknown) => job !== null);
    expect(answered).toHaveLength(6);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_TOO_COMPLEX', 'QUERY_TOO_COMPLEX']);
    expect(res.errors?.[0]?.message).toMatch(/MAX_DRS_CALLS_PER_OPERATION/);
  });

  it('bounds aliases of objectProgress with distinct searches, the amplification of issue 16', async () => {
    const ids = small.sim.jobIds(small.projectId, 3);
    const aliases = Array.from(
      { length: 10 },
      (_, i) => `p${i}: objectProgress(type: TABLE, search: "t${i}", first: 2) { totalCount }`,
    ).join(' ');
    const res = await small.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id ${aliases} } }`, { ids });
    // 3 batch-detail calls, then progress-data pages: 3 jobs × 10 aliases would be 30 calls.
    expect(small.calls().length).toBeLessThanOrEqual(6);
    expect(res.errors?.some((e) => e.extensions?.code === 'QUERY_TOO_COMPLEX')).toBe(true);
  });
});

describe('jobs per answer (MAX_JOB_RESULTS)', () => {
  it('refuses the aliases past the cap, however few distinct ids they share', async () => {
    const capped = await startHarness({ MAX_IDS_PER_QUERY: '100', MAX_JOB_RESULTS: '250' });
    try {
      const ids = capped.sim.jobIds(capped.projectId, 100);
      const aliases = Array.from({ length: 5 }, (_, i) => `a${i}: jobs(ids: $ids) { id name }`).join(' ');
      const res = await capped.gql(`query($ids: [ID!]!) { ${aliases} }`, { ids });
      // jobs is a non-null list, so a refused alias takes the whole answer with it: nothing is built.
      expect(res.data).toBeNull();
      expect(res.errors?.map((e) => [e.path?.[0], e.extensions?.code, e.extensions?.limit])).toEqual([
        ['a2', 'QUERY_TOO_COMPLEX', 'MAX_JOB_RESULTS'],
      ]);
      // At most the 10 batch-detail calls of the 100 distinct ids (the answer may be settled first).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(capped.calls('batch-detail').length).toBeLessThanOrEqual(10);
    } finally {
      await capped.close();
    }
  });
});
