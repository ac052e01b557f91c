import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_QUERY } from '../../bench/dashboard-query.js';
import { type Harness, startHarness } from '../support/harness.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';

/** Two gateway replicas on one simulator, sharing one redis-server (or, without REDIS_URL, nothing). */
interface Pair {
  a: Harness;
  b: Harness;
  /** Every DRS call either replica made since the last `reset`, for one API. */
  calls(api: string): Harness['sim']['calls'];
  reset(): void;
}

let redis: RedisServer;
const open: Harness[] = [];
let pairs = 0;

async function replicas(env: Record<string, string> = {}): Promise<Pair> {
  const shared = {
    ...(env.REDIS_URL === 'none' ? {} : { REDIS_URL: redis.url }),
    REDIS_KEY_PREFIX: `pair${++pairs}:`,
    DRS_CACHE: 'on',
    DRS_COLLAPSE: 'true',
    ...Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'REDIS_URL')),
  };
  const a = await startHarness(shared);
  open.push(a);
  const b = await startHarness(shared, {}, { sim: a.sim });
  open.push(b);
  if (shared.REDIS_URL !== undefined)
    await until(() => a.sharedState.health().up && b.sharedState.health().up, 'Redis up');
  return {
    a,
    b,
    calls: (api) => a.sim.calls.filter((call) => call.api === api),
    reset: () => a.sim.resetCalls(),
  };
}

async function until(check: () => boolean, what: string): Promise<void> {
  const limit = Date.now() + 8_000;
  while (!check()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const jobIdsOf = (calls: Harness['sim']['calls']) => calls.flatMap((call) => call.jobs).sort();

beforeAll(async () => {
  redis = await startRedisServer();
});

afterEach(async () => {
  // Closed in reverse: the second replica shares the first one's simulator.
  for (const h of open.splice(0).reverse()) await h.close();
  if ((await redis.command('PING').catch(() => '')) !== '+PONG') await redis.start();
});

afterAll(async () => {
  await redis?.stop();
});

describe('row cache shared by two replicas', () => {
  it('answers a dashboard on the second replica from the first one’s rows, and asks DRS only for ids not cached', async () => {
    const { a, b, calls, reset } = await replicas();
    const ids = a.sim.jobIds(a.projectId, 25);
    const first = await a.gqlRaw(DASHBOARD_QUERY, { ids: ids.slice(0, 20) });
    expect(first.errors).toBeUndefined();
    // 20 ids: batch-detail in chunks of 10, progress and struct detail in one call each.
    expect(calls('batch-detail')).toHaveLength(2);
    expect(calls('batch-progress')).toHaveLength(1);
    expect(calls('batch-struct-detail')).toHaveLength(1);

    reset();
    const again = await b.gqlRaw(DASHBOARD_QUERY, { ids: ids.slice(0, 20) });
    expect(a.sim.calls).toHaveLength(0);
    expect(again).toEqual(first);

    reset();
    const wider = await b.gqlRaw(DASHBOARD_QUERY, { ids });
    expect(wider.errors).toBeUndefined();
    for (const api of ['batch-detail', 'batch-progress', 'batch-struct-detail']) {
      expect(calls(api)).toHaveLength(1);
      expect(jobIdsOf(calls(api))).toEqual(ids.slice(20).sort());
    }
    expect(wider.data.jobs.map((job: { id: string }) => job.id)).toEqual(ids);
    expect(wider.data.jobs.slice(0, 20)).toEqual(first.data.jobs);

    const metrics = await (await b.fetch('http://gateway/metrics')).text();
    expect(metrics).toContain('drs_cache_requests_total{api="batch-detail",result="hit"} 40');
    expect(metrics).toContain('drs_cache_requests_total{api="batch-detail",result="miss"} 5');
    expect(metrics).not.toMatch(new RegExp(`${a.projectId}|${ids[0]}`));
  });

  it('never answers one tenant with another tenant’s rows, interleaved on two replicas', async () => {
    const { a, b, calls, reset } = await replicas();
    const [one, two] = a.sim.projects as [Harness['sim']['projects'][0], Harness['sim']['projects'][0]];
    const as = (p: typeof one) => ({ 'x-auth-token': p.token, 'x-project-id': p.projectId });
    const idsOne = a.sim.jobIds(one.projectId, 5);
    const idsTwo = a.sim.jobIds(two.projectId, 5);
    const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id name progress { percent } } }`;
    const oneOnA = await a.gqlRaw(query, { ids: idsOne }, as(one));
    const twoOnB = await b.gqlRaw(query, { ids: idsTwo }, as(two));
    expect(oneOnA.errors).toBeUndefined();
    expect(twoOnB.errors).toBeUndefined();
    expect(calls('batch-detail').map((c) => c.projectId)).toEqual([one.projectId, two.projectId]);

    // Tenant two asks, on the other replica, for tenant one's (cached) ids in its own project: DRS
    // is asked, and answers that its project has no such jobs.
    reset();
    const probe = await b.gqlRaw(query, { ids: idsOne }, as(two));
    expect(calls('batch-detail')).toHaveLength(1);
    expect(calls('batch-detail')[0]).toMatchObject({ projectId: two.projectId, jobs: idsOne });
    expect(probe.data?.jobs).toEqual([null, null, null, null, null]);
    expect(probe.errors).toHaveLength(5);
    expect(JSON.stringify(probe)).not.toContain(oneOnA.data.jobs[0].name);

    // Tenant two's token naming tenant one's project: not served from tenant one's rows either.
    reset();
    const borrowed = await a.gqlRaw(
      query,
      { ids: idsOne },
      { 'x-auth-token': two.token, 'x-project-id': one.projectId },
    );
    expect(calls('batch-detail')).toHaveLength(1);
    expect(borrowed.errors?.[0]?.extensions?.code).toBeDefined();
    expect(JSON.stringify(borrowed)).not.toContain(oneOnA.data.jobs[0].name);

    // Each tenant still gets its own rows from the cache, on either replica.
    reset();
    expect(await b.gqlRaw(query, { ids: idsOne }, as(one))).toEqual(oneOnA);
    expect(await a.gqlRaw(query, { ids: idsTwo }, as(two))).toEqual(twoOnB);
    expect(a.sim.calls).toHaveLength(0);
    // Redis holds hashes of the tenants, never a token.
    const keys = await redis.keys();
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.join('\n')).not.toMatch(new RegExp(`${one.token}|${two.token}|${one.projectId}`));
  });

  it('does not keep per-item errors: an unknown id is asked again, a known one is not', async () => {
    const { a, b, calls, reset } = await replicas();
    const [known] = a.sim.jobIds(a.projectId, 1) as [string];
    const unknown = `${known.slice(0, -4)}ffff`;
    const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id name } }`;
    const first = await a.gqlRaw(query, { ids: [known, unknown] });
    expect(first.errors?.map((e) => e.extensions?.drsCode)).toEqual(['DRS.M00289']);
    reset();
    const second = await b.gqlRaw(query, { ids: [known, unknown] });
    expect(second).toEqual(first);
    expect(jobIdsOf(calls('batch-detail'))).toEqual([unknown]);
  });

  it('keeps progress rows DRS_CACHE_TTL_PROGRESS_MS, then asks again', async () => {
    const { a, b, calls, reset } = await replicas({ DRS_CACHE_TTL_PROGRESS_MS: '300' });
    const ids = a.sim.jobIds(a.projectId, 3);
    const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id progress { percent } } }`;
    await a.gqlRaw(query, { ids });
    reset();
    await b.gqlRaw(query, { ids });
    expect(calls('batch-progress')).toHaveLength(0);
    await sleep(400);
    await b.gqlRaw(query, { ids });
    expect(calls('batch-progress')).toHaveLength(1);
    // Detail is kept longer (30 s by default): still no batch-detail call.
    expect(calls('batch-detail')).toHaveLength(0);
  });
});

describe('in-flight collapsing', () => {
  const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id name status } }`;

  it('sends identical overlapping calls upstream once, across two replicas sharing Redis', async () => {
    const { a, b, calls } = await replicas({ DRS_CACHE: 'off' });
    a.sim.configure({ latencyMs: 300 });
    const ids = a.sim.jobIds(a.projectId, 4);
    const answers = await Promise.all([a, b, a, b, a, b].map((h) => h.gqlRaw(query, { ids })));
    expect(calls('batch-detail')).toHaveLength(1);
    expect(answers[0]!.errors).toBeUndefined();
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    // Another tenant's identical body is never collapsed into the first one's.
    const two = a.sim.projects[1]!;
    const headers = { 'x-auth-token': two.token, 'x-project-id': two.projectId };
    const idsTwo = a.sim.jobIds(two.projectId, 4);
    a.sim.resetCalls();
    const mixed = await Promise.all([a.gqlRaw(query, { ids: idsTwo }, headers), b.gqlRaw(query, { ids: idsTwo })]);
    expect(
      calls('batch-detail')
        .map((c) => c.projectId)
        .sort(),
    ).toEqual([a.projectId, two.projectId].sort());
    expect(mixed[0]!.errors).toBeUndefined();
    expect(mixed[1]!.data.jobs).toEqual([null, null, null, null]);
  });

  it('without Redis collapses within each replica only (memory state): one call per replica', async () => {
    const { a, b, calls } = await replicas({ REDIS_URL: 'none', DRS_CACHE: 'off' });
    expect(a.sharedState.backend).toBe('memory');
    a.sim.configure({ latencyMs: 300 });
    const ids = a.sim.jobIds(a.projectId, 4);
    const answers = await Promise.all([a, b, a, b, a, b].map((h) => h.gqlRaw(query, { ids })));
    expect(calls('batch-detail')).toHaveLength(2);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('in memory, one replica answers a repeated dashboard from its own rows (the default without REDIS_URL)', async () => {
    const { a, calls, reset } = await replicas({ REDIS_URL: 'none' });
    const ids = a.sim.jobIds(a.projectId, 12);
    const first = await a.gqlRaw(DASHBOARD_QUERY, { ids });
    expect(calls('batch-detail')).toHaveLength(2);
    reset();
    expect(await a.gqlRaw(DASHBOARD_QUERY, { ids })).toEqual(first);
    expect(a.sim.calls).toHaveLength(0);
  });
});

describe('rate limit per credential shared by replicas', () => {
  const query = `query($id: ID!) { job(id: $id) { id name } }`;
  // DRS (the simulator) admits 4 a second per credential; each replica is told 2 a second. Sharing
  // the limit keeps both together within DRS's; each on its own would send twice as much.
  const env = { DRS_CACHE: 'off', DRS_RATE_LIMIT_RPS: '2', DRS_RETRY_MAX: '0' };

  async function burst(pair: Pair): Promise<{ throttled: number; ok: number; ms: number }> {
    pair.a.sim.configure({ rateLimit: 4 });
    const ids = pair.a.sim.jobIds(pair.a.projectId, 12);
    pair.reset();
    const started = performance.now();
    const answers = await Promise.all(ids.map((id, i) => (i % 2 ? pair.a : pair.b).gqlRaw(query, { id })));
    const ms = performance.now() - started;
    const throttled = pair.calls('batch-detail').filter((c) => c.status === 429).length;
    return { throttled, ok: answers.filter((r) => r.errors === undefined).length, ms };
  }

  it('keeps two replicas within DRS_RATE_LIMIT_RPS together through Redis: no 429 from DRS', async () => {
    const pair = await replicas(env);
    const { throttled, ok, ms } = await burst(pair);
    expect(throttled).toBe(0);
    expect(ok).toBe(12);
    expect(pair.calls('batch-detail')).toHaveLength(12);
    // 12 calls at 2 per one-second window: at least 5 windows after the first.
    expect(ms).toBeGreaterThanOrEqual(4_000);
  });

  it('without Redis each replica limits alone, and together they exceed DRS’s limit (the control)', async () => {
    const pair = await replicas({ ...env, REDIS_URL: 'none' });
    const { throttled } = await burst(pair);
    expect(throttled).toBeGreaterThan(0);
  });
});

describe('Redis trouble is not an outage', () => {
  it('answers from DRS directly while redis-server is stopped, and shares again once it is back', async () => {
    const { a, b, calls, reset } = await replicas({ DRS_RATE_LIMIT_RPS: '50' });
    const ids = a.sim.jobIds(a.projectId, 6);
    const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id name progress { percent } } }`;
    const expected = await a.gqlRaw(query, { ids });
    expect(expected.errors).toBeUndefined();
    reset();
    expect(await b.gqlRaw(query, { ids })).toEqual(expected);
    expect(a.sim.calls).toHaveLength(0);

    await redis.stop();
    await until(() => !a.sharedState.health().up && !b.sharedState.health().up, 'Redis down on both');
    for (const h of [a, b, a, b]) {
      reset();
      const started = performance.now();
      expect(await h.gqlRaw(query, { ids })).toEqual(expected);
      // No cache: each query asks DRS for every row, with no wait on the dead Redis.
      expect(calls('batch-detail')).toHaveLength(1);
      expect(calls('batch-progress')).toHaveLength(1);
      expect(performance.now() - started).toBeLessThan(1_000);
    }
    const ready = await (await a.fetch('http://gateway/readiness')).json();
    expect(ready.status).toBe('ready');
    expect(ready.checks.sharedState).toEqual({ backend: 'redis', up: false, required: false });
    const metrics = await (await a.fetch('http://gateway/metrics')).text();
    expect(metrics).toContain('drs_gateway_shared_state_up{backend="redis"} 0');
    expect(metrics).toMatch(/drs_cache_requests_total\{api="batch-detail",result="bypass"\} [1-9]/);

    await redis.start();
    await until(() => a.sharedState.health().up && b.sharedState.health().up, 'Redis up again on both');
    reset();
    expect(await a.gqlRaw(query, { ids })).toEqual(expected);
    expect(calls('batch-detail')).toHaveLength(1);
    reset();
    expect(await b.gqlRaw(query, { ids })).toEqual(expected);
    expect(a.sim.calls).toHaveLength(0);
  });

  it('answers within its command timeout while Redis hangs (SIGSTOP), and recovers', async () => {
    const { a, calls, reset } = await replicas({ REDIS_COMMAND_TIMEOUT_MS: '200' });
    const ids = a.sim.jobIds(a.projectId, 3);
    const query = `query($ids: [ID!]!) { jobs(ids: $ids) { id name } }`;
    const expected = await a.gqlRaw(query, { ids });
    redis.pause();
    try {
      reset();
      const started = performance.now();
      expect(await a.gqlRaw(query, { ids })).toEqual(expected);
      // One command timeout at most, then DRS.
      expect(performance.now() - started).toBeLessThan(1_500);
      expect(calls('batch-detail')).toHaveLength(1);
      expect(a.sharedState.health().up).toBe(false);
      reset();
      const next = performance.now();
      expect(await a.gqlRaw(query, { ids })).toEqual(expected);
      expect(performance.now() - next).toBeLessThan(500);
      expect(calls('batch-detail')).toHaveLength(1);
    } finally {
      redis.resume();
    }
    await until(() => a.sharedState.health().up, 'Redis answering again');
  });
});
