import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

const ONE = `query($id: ID!) { job(id: $id) { id name } }`;

/** Runs one job query and reports its upstream calls and elapsed time. */
async function timed(h: Harness, headers: Record<string, string> = {}) {
  const [id] = h.sim.jobIds(h.projectId, 1);
  const started = performance.now();
  const res = await h.gql(ONE, { id }, headers);
  return { res, ms: performance.now() - started, calls: h.calls('batch-detail') };
}

describe('retries', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      DRS_THROTTLE_BACKOFF_MIN_MS: '300',
      DRS_THROTTLE_BACKOFF_MAX_MS: '400',
      DRS_RETRY_BASE_DELAY_MS: '20',
      DRS_RETRY_BUDGET_MIN: '50',
    });
  });
  afterEach(() => h.sim.faults.clear());
  afterAll(() => h.close());

  it('honours Retry-After on a 429, then succeeds on the second call', async () => {
    h.sim.faults.set('batch-detail', '429:1,ok');
    const { res, ms, calls } = await timed(h);
    expect(res.errors).toBeUndefined();
    expect(calls.map((c) => c.status)).toEqual([429, 200]);
    expect(ms).toBeGreaterThanOrEqual(1000);
  });

  it('backs off within the configured throttle window on a 429 without Retry-After', async () => {
    h.sim.faults.set('batch-detail', '429,ok');
    const { res, ms, calls } = await timed(h);
    expect(res.errors).toBeUndefined();
    expect(calls).toHaveLength(2);
    expect(ms).toBeGreaterThanOrEqual(300);
  });

  it('retries 502/503/504 and connection resets, up to DRS_RETRY_MAX', async () => {
    h.sim.faults.set('batch-detail', '502,reset,ok');
    const ok = await timed(h);
    expect(ok.res.errors).toBeUndefined();
    expect(ok.calls).toHaveLength(3);

    h.sim.faults.set('batch-detail', '503*5');
    const failed = await timed(h);
    expect(failed.calls).toHaveLength(3);
    expect(failed.res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
  });

  it('never retries a 500 (no retry storm) and reports it as UPSTREAM_ERROR', async () => {
    h.sim.faults.set('batch-detail', '500*3');
    const { res, calls } = await timed(h);
    expect(calls).toHaveLength(1);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_ERROR',
      drsCode: 'DRS.M00004',
      retryable: false,
    });
  });

  it('turns truncated and non-JSON bodies into UPSTREAM_BAD_RESPONSE', async () => {
    for (const fault of ['truncate', 'html']) {
      h.sim.faults.set('batch-detail', fault);
      const { res, calls } = await timed(h);
      expect(calls).toHaveLength(1);
      expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_BAD_RESPONSE');
    }
  });

  it('survives shuffled and duplicated rows, and reports a missing row for its job only', async () => {
    const ids = h.sim.jobIds(h.projectId, 5);
    const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id } }`;
    for (const fault of ['shuffle', 'duplicate']) {
      h.sim.faults.set('batch-detail', fault);
      const res = await h.gql(query, { ids });
      expect(res.errors).toBeUndefined();
      expect(res.data.jobs.map((j: { id: string }) => j.id)).toEqual(ids);
    }
    h.sim.faults.set('batch-detail', 'missing');
    const res = await h.gql(query, { ids });
    expect(res.data.jobs.filter((j: unknown) => j === null)).toHaveLength(1);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_BAD_RESPONSE']);
  });
});

describe('deadlines', () => {
  it('ends a hung upstream call with UPSTREAM_TIMEOUT within the operation deadline', async () => {
    const h = await startHarness({ DRS_OPERATION_TIMEOUT_MS: '600', DRS_TIMEOUT_MS: '60000' });
    try {
      h.sim.faults.set('batch-detail', { steps: 'hang', repeat: true });
      const { res, ms } = await timed(h);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT', retryable: true });
      // Bounded by the 600 ms operation deadline, not the 60 s attempt timeout (slack for a loaded machine).
      expect(ms).toBeGreaterThanOrEqual(400);
      expect(ms).toBeLessThan(5000);
    } finally {
      await h.close();
    }
  });

  it('times out a hung attempt after DRS_TIMEOUT_MS and retries it', async () => {
    const h = await startHarness({ DRS_TIMEOUT_MS: '300', DRS_RETRY_BASE_DELAY_MS: '10' });
    try {
      h.sim.faults.set('batch-detail', 'hang,ok');
      const { res, calls, ms } = await timed(h);
      expect(res.errors).toBeUndefined();
      expect(calls).toHaveLength(2);
      expect(ms).toBeGreaterThanOrEqual(300);
    } finally {
      await h.close();
    }
  });
});

describe('circuit breaker', () => {
  it('opens after repeated failures, fails fast without calling, and closes after a good probe', async () => {
    const h = await startHarness({ DRS_BREAKER_FAILURES: '3', DRS_BREAKER_COOLDOWN_MS: '400', DRS_RETRY_MAX: '0' });
    try {
      h.sim.faults.set('batch-detail', { steps: '502', repeat: true });
      for (let i = 0; i < 3; i++) expect((await timed(h)).calls).toHaveLength(1);
      const open = await timed(h);
      expect(open.calls).toHaveLength(0);
      expect(open.res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(open.res.errors?.[0]?.message).toMatch(/not calling it/);

      h.sim.faults.clear();
      await new Promise((resolve) => setTimeout(resolve, 450));
      const probe = await timed(h);
      expect(probe.res.errors).toBeUndefined();
      expect(probe.calls).toHaveLength(1);
      expect((await timed(h)).res.errors).toBeUndefined();
    } finally {
      await h.close();
    }
  });
});

describe('retry budget', () => {
  it('limits retries against a failing upstream to the budget (min + 10% of requests)', async () => {
    const h = await startHarness({
      DRS_RETRY_BUDGET_MIN: '3',
      DRS_RETRY_BUDGET_PERCENT: '10',
      DRS_RETRY_BASE_DELAY_MS: '1',
      DRS_BREAKER_FAILURES: '1000',
    });
    try {
      h.sim.faults.set('batch-detail', { steps: '503', repeat: true });
      let calls = 0;
      for (let i = 0; i < 30; i++) calls += (await timed(h)).calls.length;
      // Without a budget, 30 requests × (1 + 2 retries) = 90 calls.
      expect(calls).toBeGreaterThanOrEqual(30 + 3);
      expect(calls).toBeLessThanOrEqual(30 + 3 + 3);
    } finally {
      await h.close();
    }
  });
});

describe('concurrency and rate limits', () => {
  it('keeps at most DRS_MAX_CONCURRENCY chunks of one API in flight', async () => {
    const h = await startHarness({ DRS_MAX_CONCURRENCY: '2', DRS_BATCH_SIZE: '1' }, { latencyMs: 150 });
    try {
      const ids = h.sim.jobIds(h.projectId, 6);
      const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id } }`, { ids });
      expect(res.errors).toBeUndefined();
      const arrivals = h
        .calls('batch-detail')
        .map((c) => c.at)
        .sort((a, b) => a - b);
      expect(arrivals).toHaveLength(6);
      // Pairs arrive together, each pair one upstream latency after the previous one.
      for (let i = 2; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - 2]!).toBeGreaterThanOrEqual(140);
    } finally {
      await h.close();
    }
  });

  it("shares the slots fairly: another tenant's small dashboard does not queue behind a burst", async () => {
    const h = await startHarness({ DRS_MAX_CONCURRENCY: '2', DRS_BATCH_SIZE: '1' }, { latencyMs: 40 });
    try {
      const other = h.sim.projects[1]!;
      const burst = h.sim.jobIds(h.projectId, 40);
      const small = h.sim.jobIds(other.projectId, 2);
      const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id } }`;
      const timedQuery = async (ids: string[], headers: Record<string, string> = {}) => {
        const started = performance.now();
        const res = await h.gqlRaw(query, { ids }, headers);
        expect(res.errors).toBeUndefined();
        return performance.now() - started;
      };
      h.sim.resetCalls();
      const big = timedQuery(burst);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const mine = await timedQuery(small, { 'x-auth-token': other.token, 'x-project-id': other.projectId });
      const theirs = await big;
      // 40 chunks through 2 slots take ~20 latencies; the 2 chunks behind them take turns with them.
      expect(theirs).toBeGreaterThan(700);
      expect(mine).toBeLessThan(theirs / 3);
      expect(h.calls('batch-detail')).toHaveLength(42);
    } finally {
      await h.close();
    }
  });

  it('spaces requests to DRS_RATE_LIMIT_RPS per credential', async () => {
    const h = await startHarness({ DRS_RATE_LIMIT_RPS: '5', DRS_BATCH_SIZE: '1' });
    try {
      const ids = h.sim.jobIds(h.projectId, 8);
      const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id } }`, { ids });
      expect(res.errors).toBeUndefined();
      const arrivals = h
        .calls('batch-detail')
        .map((c) => c.at)
        .sort((a, b) => a - b);
      // 5 go at once (one second of burst), the other 3 at 200 ms intervals.
      expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThanOrEqual(550);
    } finally {
      await h.close();
    }
  });
});

describe('AK/SK signing', () => {
  it('signs every call so the simulator accepts it, with no token configured', async () => {
    const probe = await startHarness();
    const [permanent] = probe.sim.credentials;
    await probe.close();
    const h = await startHarness({ DRS_AUTH_TOKEN: '', DRS_AK: permanent!.ak, DRS_SK: permanent!.sk });
    try {
      const ids = h.sim.jobIds(h.projectId, 3);
      const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id progress { percent } } }`, { ids });
      expect(res.errors).toBeUndefined();
      expect(h.calls().map((c) => [c.credential, c.status])).toEqual(
        expect.arrayContaining([
          ['aksk', 200],
          ['aksk', 202],
        ]),
      );
    } finally {
      await h.close();
    }
  });

  it('sends and signs the security token of temporary credentials', async () => {
    const probe = await startHarness();
    const temporary = probe.sim.credentials.find((c) => c.securityToken)!;
    await probe.close();
    const h = await startHarness({
      DRS_AUTH_TOKEN: '',
      DRS_AK: temporary.ak,
      DRS_SK: temporary.sk,
      DRS_SECURITY_TOKEN: temporary.securityToken!,
    });
    try {
      const { res, calls } = await timed(h);
      expect(res.errors).toBeUndefined();
      expect(calls.map((c) => c.credential)).toEqual(['aksk']);
    } finally {
      await h.close();
    }
  });

  it('reports a wrong SK as UNAUTHENTICATED (APIG.0301), without the secret in the answer', async () => {
    const probe = await startHarness();
    const [permanent] = probe.sim.credentials;
    await probe.close();
    const h = await startHarness({ DRS_AUTH_TOKEN: '', DRS_AK: permanent!.ak, DRS_SK: 'not-the-secret-key' });
    try {
      const { res } = await timed(h);
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', drsCode: 'APIG.0301' });
      expect(JSON.stringify(res)).not.toContain('not-the-secret-key');
    } finally {
      await h.close();
    }
  });
});

describe('client disconnect', () => {
  // Both ways a request is served: the fast path (what src/main.ts serves) and yoga's own adapter.
  for (const fastPath of ['true', 'false']) {
    it(`aborts the in-flight upstream request when the GraphQL client goes away (HTTP_FAST_PATH=${fastPath})`, async () => {
      // One slot per API: if the hung call were not aborted, the next query would wait 60 s for it.
      const h = await startHarness({
        DRS_MAX_CONCURRENCY: '1',
        DRS_TIMEOUT_MS: '60000',
        DRS_RETRY_MAX: '0',
        HTTP_FAST_PATH: fastPath,
      });
      const server = await h.listen();
      const { url } = server;
      try {
        const [id] = h.sim.jobIds(h.projectId, 1);
        h.sim.faults.set('batch-detail', 'hang,ok');
        const leaving = new AbortController();
        const first = fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: ONE, variables: { id } }),
          signal: leaving.signal,
        }).catch((error: Error) => error.name);
        await waitUntil(() => h.sim.calls.length === 1);
        leaving.abort();
        expect(await first).toBe('AbortError');
        const started = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: ONE, variables: { id } }),
        });
        const body = (await res.json()) as { data: { job: { id: string } } };
        expect(body.data.job.id).toBe(id);
        expect(performance.now() - started).toBeLessThan(5000);
        expect(h.sim.calls.map((c) => c.fault ?? 'ok')).toEqual(['hang', 'ok']);
        expect(await h.served()).toEqual(fastPath === 'true' ? { fast: 2, yoga: 0 } : { fast: 0, yoga: 2 });
      } finally {
        await server.close();
        await h.close();
      }
    });
  }
});

async function waitUntil(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
