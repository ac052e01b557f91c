import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DrsError } from '../../src/drs/errors.js';
import { codeOf, maskError } from '../../src/errors.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
let otherProjectJob: string;
beforeAll(async () => {
  h = await startHarness();
  otherProjectJob = h.sim.jobIds(h.sim.projects[1]!.projectId, 1)[0]!;
});
afterAll(() => h.close());

const JOBS = `query($ids: [ID!]!) { jobs(ids: $ids) { id name progress { percent } } }`;

describe('per-job failures', () => {
  it('gives an unknown id null plus a NOT_FOUND error at its position while siblings resolve', async () => {
    const [a, b] = h.sim.jobIds(h.projectId, 2) as [string, string];
    const res = await h.gql(JOBS, { ids: [a, otherProjectJob, b] });
    expect(res.data.jobs[0].id).toBe(a);
    expect(res.data.jobs[1]).toBeNull();
    expect(res.data.jobs[2].id).toBe(b);
    expect(res.data.jobs[2].progress.percent).toBeTypeOf('number');
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({
      path: ['jobs', 1],
      extensions: { code: 'NOT_FOUND', drsCode: 'DRS.M00289', jobId: otherProjectJob },
    });
    // Progress starts together with the details, so it is asked for every id, in the same one call;
    // the missing job's progress error is never reported twice.
    expect(h.calls('batch-detail')).toHaveLength(1);
    expect(h.calls('batch-progress')).toHaveLength(1);
    expect([...h.calls('batch-progress')[0]!.jobs].sort()).toEqual([a, otherProjectJob, b].sort());
  });

  it('handles a batch where every id is unknown (HTTP 400 that still carries results)', async () => {
    const res = await h.gql(`query($id: ID!) { job(id: $id) { id } }`, { id: otherProjectJob });
    expect(res.data.job).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ path: ['job'], extensions: { code: 'NOT_FOUND', drsCode: 'DRS.M00289' } });
    expect(h.calls('batch-detail').map((c) => c.status)).toEqual([400]);
  });

  it('handles a mixed batch answered with HTTP 400 the same way', async () => {
    h.sim.configure({ mixedUnknown: 'http400' });
    try {
      const [a] = h.sim.jobIds(h.projectId, 1) as [string];
      const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id name } }`, { ids: [a, otherProjectJob] });
      expect(h.calls('batch-detail').map((c) => c.status)).toEqual([400]);
      expect(res.data.jobs[0].id).toBe(a);
      expect(res.data.jobs[1]).toBeNull();
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    } finally {
      h.sim.configure({ mixedUnknown: 'per-item' });
    }
  });
});

describe('released jobs', () => {
  it('maps a per-item DRS.M05004 (deleted, resources released) to NOT_FOUND', async () => {
    const released = await startHarness({}, { releasedRate: 1 });
    try {
      const ids = released.sim.jobIds(released.projectId, 3);
      const res = await released.gql(JOBS, { ids });
      expect(res.data.jobs).toEqual([null, null, null]);
      expect(res.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.drsCode])).toEqual(
        [0, 1, 2].map((i) => [['jobs', i], 'NOT_FOUND', 'DRS.M05004']),
      );
      // One batch-detail, and the batch-progress the look-ahead started in the same tick (it may
      // still be arriving at the simulator when the answer is read).
      await vi.waitFor(() => expect(released.calls().map((c) => c.api)).toEqual(['batch-detail', 'batch-progress']));
    } finally {
      await released.close();
    }
  });
});

describe('input validation', () => {
  it('fails only the malformed id, never sends it upstream, and keeps siblings', async () => {
    const [a, b] = h.sim.jobIds(h.projectId, 2) as [string, string];
    const bad = ['not-a-job', `${a.slice(0, 35)}!`, a.toUpperCase(), ''];
    const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id } }`, { ids: [a, ...bad, b] });
    expect(res.data.jobs[0].id).toBe(a);
    expect(res.data.jobs.slice(1, 5)).toEqual([null, null, null, null]);
    expect(res.data.jobs[5].id).toBe(b);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual(
      [1, 2, 3, 4].map((i) => [['jobs', i], 'BAD_USER_INPUT']),
    );
    expect(h.calls()).toHaveLength(1);
    expect([...h.calls()[0]!.jobs].sort()).toEqual([a, b].sort());
  });

  it('rejects a malformed single id with BAD_USER_INPUT and no upstream call', async () => {
    const res = await h.gql(`{ job(id: "24834eb6") { id } }`);
    expect(res.data.job).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.calls()).toHaveLength(0);
  });

  it('caps the number of ids per query', async () => {
    const capped = await startHarness({ MAX_IDS_PER_QUERY: '3' });
    try {
      const res = await capped.gql(JOBS, { ids: capped.sim.jobIds(capped.projectId, 4) });
      expect(res.data).toBeNull();
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(capped.calls()).toHaveLength(0);
    } finally {
      await capped.close();
    }
  });
});

describe('job ids per operation', () => {
  let capped: Harness;
  beforeAll(async () => {
    capped = await startHarness({ MAX_IDS_PER_QUERY: '3' });
  });
  afterAll(() => capped.close());
  const ids = () => capped.sim.jobIds(capped.projectId, 4) as [string, string, string, string];

  it('counts each id once across aliased fields', async () => {
    const [a, b, c] = ids();
    const res = await capped.gql(
      `query($x: [ID!]!, $y: [ID!]!) { x: jobs(ids: $x) { id } y: jobs(ids: $y) { id } z: job(id: "${a}") { id } }`,
      { x: [a, b], y: [b, c] },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.y.map((j: { id: string }) => j.id)).toEqual([b, c]);
    expect(capped.calls().map((call) => [...call.jobs].sort())).toEqual([[a, b, c].sort()]);
  });

  it('refuses the field that would pass the budget, and never asks DRS for its ids', async () => {
    const [a, b, c, d] = ids();
    const res = await capped.gql(
      `{ x: job(id: "${a}") { id } y: job(id: "${b}") { id } z: job(id: "${c}") { id } w: job(id: "${d}") { id } }`,
    );
    expect(res.data).toMatchObject({ x: { id: a }, y: { id: b }, z: { id: c }, w: null });
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]).toMatchObject({ path: ['w'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.errors?.[0]?.message).toMatch(/At most 3 distinct job ids per operation/);
    expect(capped.calls().map((call) => [...call.jobs].sort())).toEqual([[a, b, c].sort()]);
  });

  it('refuses a list field whole rather than part of it', async () => {
    const [a, b, c, d] = ids();
    const res = await capped.gql(`query($x: [ID!]!) { x: jobs(ids: $x) { id } y: job(id: "${a}") { id } }`, {
      x: [b, c, d, a],
    });
    expect(res.data).toBeNull();
    expect(res.errors?.[0]).toMatchObject({ path: ['x'], extensions: { code: 'BAD_USER_INPUT' } });
    expect(capped.calls()).toHaveLength(0);
  });
});

describe('credentials', () => {
  it('maps an upstream 401 to UNAUTHENTICATED without echoing the token', async () => {
    const [a] = h.sim.jobIds(h.projectId, 1) as [string];
    const token = 'caller-token-that-DRS-rejects';
    const res = await h.gql(`query($id: ID!) { job(id: $id) { id } }`, { id: a }, { 'x-auth-token': token });
    expect(res.data.job).toBeNull();
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', drsCode: 'APIG.0301' });
    expect(res.errors?.[0]?.extensions?.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(res)).not.toContain(token);
    expect(h.calls().map((c) => c.status)).toEqual([401]);
  });

  it("maps another project's token to FORBIDDEN", async () => {
    const [a] = h.sim.jobIds(h.projectId, 1) as [string];
    const res = await h.gql(
      `query($id: ID!) { job(id: $id) { id } }`,
      { id: a },
      { 'x-auth-token': h.sim.projects[1]!.token },
    );
    expect(res.data.job).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('fails fast with UNAUTHENTICATED and no upstream call when no credential is configured or sent', async () => {
    const anonymous = await startHarness({ DRS_AUTH_TOKEN: '' });
    try {
      const res = await anonymous.gql(JOBS, { ids: anonymous.sim.jobIds(anonymous.projectId, 2) });
      expect(res.data.jobs).toEqual([null, null]);
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED', 'UNAUTHENTICATED']);
      expect(anonymous.calls()).toHaveLength(0);
      const withHeader = await anonymous.gql(
        JOBS,
        { ids: anonymous.sim.jobIds(anonymous.projectId, 1) },
        {
          'x-auth-token': anonymous.token,
        },
      );
      expect(withHeader.errors).toBeUndefined();
    } finally {
      await anonymous.close();
    }
  });
});

describe('upstream unavailable', () => {
  it('reports UPSTREAM_UNAVAILABLE when DRS cannot be reached', async () => {
    const down = await startHarness();
    const [a] = down.sim.jobIds(down.projectId, 1) as [string];
    await down.sim.close();
    const res = await down.gql(`query($id: ID!) { job(id: $id) { id } }`, { id: a });
    expect(res.data.job).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    await down.close().catch(() => undefined);
  });
});

describe('hostile input', () => {
  it('quotes at most 64 characters of a huge id, once, and calls nothing', async () => {
    const huge = 'x'.repeat(900_000);
    const res = await h.gql('query($id: ID!) { job(id: $id) { id } }', { id: huge });
    const [error] = res.errors ?? [];
    expect(error?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', retryable: false });
    expect(JSON.stringify(res).length).toBeLessThan(1_000);
    expect(error?.message).toContain('(900000 characters)');
    expect(h.calls()).toHaveLength(0);
  });

  it('never lets an async job id move the request to another path', async () => {
    for (const id of ['..', '.', 'a/b', '%2e%2e', '../../v3/x']) {
      const res = await h.gql('query($id: ID!) { asyncJobBatch(id: $id) { id } }', { id });
      expect(res.errors?.[0]?.extensions?.code, id).toBe('BAD_USER_INPUT');
    }
    expect(h.calls()).toHaveLength(0);
  });

  it('reports a 502/503/504 as UPSTREAM_UNAVAILABLE, retryable, whatever DRS code its body carries', () => {
    for (const status of [502, 503, 504]) {
      const error = new DrsError({ message: 'Service is abnormal.', status, code: 'DRS.M00004' });
      expect(codeOf(error)).toBe('UPSTREAM_UNAVAILABLE');
      expect(maskError(error, 'masked')).toMatchObject({ extensions: { retryable: true, drsCode: 'DRS.M00004' } });
    }
    expect(codeOf(new DrsError({ message: 'abnormal', status: 500, code: 'DRS.M00004' }))).toBe('UPSTREAM_ERROR');
  });
});
