import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pollGroupKey } from '../../src/live/poll-wire.js';
import type { Harness } from '../support/harness.js';
import {
  INTERVAL,
  keepMoving,
  movingJobs,
  polls,
  repeats,
  SUBSCRIPTION,
  startReplicas,
  until,
  type Watching,
  watch,
} from '../support/live-replicas.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';

let redis: RedisServer;
const open: Harness[] = [];
const subs: Watching[] = [];
let prefixes = 0;

async function replicas(count: number, withRedis = true): Promise<Harness[]> {
  const started = await startReplicas(count, withRedis ? redis.url : undefined, `live${++prefixes}:`);
  open.push(...started);
  return started;
}

function subscribe(...args: Parameters<typeof watch>): Watching {
  const sub = watch(...args);
  subs.push(sub);
  return sub;
}

const lockKeys = async () => (await redis.keys()).filter((key) => key.includes('poll-lock:'));
const gauge = async (h: Harness, name: string) =>
  Number((await (await h.fetch('http://gateway/metrics')).text()).match(new RegExp(`^${name} (\\d+)`, 'm'))?.[1]);
const groupsOf = (h: Harness) => gauge(h, 'drs_gateway_live_poll_groups');

beforeAll(async () => {
  redis = await startRedisServer();
});

afterEach(async () => {
  for (const sub of subs.splice(0)) sub.close();
  for (const h of open.splice(0).reverse()) await h.close();
  if ((await redis.command('PING').catch(() => '')) !== '+PONG') await redis.start();
});

afterAll(async () => {
  await redis?.stop();
});

describe('live progress shared by replicas through Redis', () => {
  it('polls once per interval for subscribers on two replicas, for the union of their jobs, and pushes each change once', async () => {
    const [a, b] = await replicas(2);
    const ids = a!.sim.jobIds(a!.projectId, 12, 200);
    // Six subscribers: three on each replica, watching overlapping sets; b alone watches the last four.
    const onA = [0, 2, 4].map((from) => subscribe(a!, ids.slice(from, from + 4)));
    const onB = [4, 6, 8].map((from) => subscribe(b!, ids.slice(from, from + 4)));
    await Promise.all([...onA, ...onB].map((sub) => sub.waitFor(sub.ids.length)));
    await sleep(INTERVAL * 2);
    const from = Date.now();
    await sleep(INTERVAL * 10);
    const counted = polls(a!.sim, from, Date.now());
    // One call per interval for both replicas (10, give or take a tick), where each alone would make 20.
    expect(counted.length).toBeGreaterThanOrEqual(5);
    expect(counted.length).toBeLessThanOrEqual(11);
    // Each replica has the group; one of them polls it.
    expect([await groupsOf(a!), await groupsOf(b!)]).toEqual([1, 1]);
    const polling = [
      await gauge(a!, 'drs_gateway_live_poll_groups_polling'),
      await gauge(b!, 'drs_gateway_live_poll_groups_polling'),
    ];
    expect(polling.sort()).toEqual([0, 1]);
    // The leader polls what the other replica's subscribers watch too.
    for (const call of counted) expect([...call.jobs].sort()).toEqual([...ids].sort());
    // Nothing moved: each subscriber got each job's progress once.
    for (const sub of [...onA, ...onB]) {
      expect(sub.events.map((e) => e.data.jobProgress.jobId).sort()).toEqual([...sub.ids].sort());
    }

    const before = new Map(ids.map((id) => [id, JSON.stringify(a!.sim.jobProgress(a!.projectId, id))]));
    a!.sim.clock.advance(30_000);
    const moved = ids.filter((id) => JSON.stringify(a!.sim.jobProgress(a!.projectId, id)) !== before.get(id));
    expect(moved.length).toBeGreaterThan(0);
    const expected = (sub: Watching) => sub.ids.length + sub.ids.filter((id) => moved.includes(id)).length;
    await Promise.all([...onA, ...onB].map((sub) => sub.waitFor(expected(sub))));
    await sleep(INTERVAL * 3);
    for (const sub of [...onA, ...onB]) {
      expect(sub.events).toHaveLength(expected(sub));
      expect(repeats(sub)).toEqual([]);
    }
  });

  it('gives a subscriber joining a follower the last poll at once, and takes its new jobs into the next poll', async () => {
    const [a, b] = await replicas(2);
    const ids = a!.sim.jobIds(a!.projectId, 6, 300);
    const first = subscribe(a!, ids.slice(0, 4));
    await first.waitFor(4);
    await sleep(INTERVAL * 2);
    // Polls now take 1.5 s to answer: what b's new subscriber gets sooner is the last poll kept in Redis.
    a!.sim.faults.set('batch-progress', { latencyMs: 1_500 });
    await sleep(50);
    const joined = Date.now();
    const late = subscribe(b!, ids.slice(2, 4));
    await late.waitFor(2);
    expect(Date.now() - joined).toBeLessThan(1_000);
    expect(late.events.map((e) => e.data.jobProgress)).toEqual(
      first.events.map((e) => e.data.jobProgress).filter((p) => ids.slice(2, 4).includes(p.jobId)),
    );
    a!.sim.faults.clear();
    // Jobs nobody watched yet arrive with the leader's next poll, which names them.
    const fresh = subscribe(b!, ids.slice(3, 6));
    await fresh.waitFor(3, 5_000);
    const named = polls(a!.sim, joined, Date.now()).filter((call) => call.jobs.includes(ids[5]!));
    expect(named.length).toBeGreaterThan(0);
    expect(named.every((call) => call.jobs.length === 6)).toBe(true);
  });

  it('keeps two tenants apart: one poll per tenant per interval, and never another tenant’s row', async () => {
    const [a, b] = await replicas(2);
    type Project = Harness['sim']['projects'][number];
    const [one, two] = a!.sim.projects as [Project, Project];
    const theirs = { 'x-auth-token': two.token, 'x-project-id': two.projectId };
    const mine = movingJobs(a!.sim, one.projectId, 4);
    const ownOfTwo = movingJobs(a!.sim, two.projectId, 3);
    // Tenant two also names tenant one's jobs: its own DRS answer for them (not found) is all it may see.
    const asked = [...ownOfTwo, ...mine.slice(0, 2)];
    const oneSubs = [subscribe(a!, mine), subscribe(b!, mine)];
    const twoSubs = [subscribe(a!, asked, theirs), subscribe(b!, asked, theirs)];
    await Promise.all([...oneSubs, ...twoSubs].map((sub) => sub.waitFor(sub.ids.length)));
    const stop = keepMoving(a!.sim);
    await sleep(INTERVAL * 2);
    const from = Date.now();
    await sleep(INTERVAL * 8);
    stop();
    const to = Date.now();
    for (const project of [one.projectId, two.projectId]) {
      const count = polls(a!.sim, from, to, project).length;
      expect(count).toBeGreaterThanOrEqual(4);
      expect(count).toBeLessThanOrEqual(9);
    }
    for (const sub of oneSubs) {
      expect(sub.events.length).toBeGreaterThan(mine.length);
      for (const event of sub.events) expect(mine).toContain(event.data.jobProgress.jobId);
    }
    for (const sub of twoSubs) {
      for (const event of sub.events) {
        const job = event.data?.jobProgress?.jobId ?? event.errors?.[0]?.extensions?.jobId;
        expect(asked).toContain(job);
        // Tenant one's jobs only ever come as tenant two's error, never as tenant one's row.
        if (mine.includes(job)) expect(event.data?.jobProgress ?? null).toBeNull();
      }
      expect(repeats(sub)).toEqual([]);
    }
    // One lock per tenant, named by hashes: no token in any key.
    const keys = await redis.keys();
    expect(keys.filter((key) => key.includes('poll-lock:'))).toHaveLength(2);
    for (const key of keys) for (const token of [one.token, two.token]) expect(key).not.toContain(token);
  });

  it('names a poll group by the whole credential, project and language, and never by a readable secret', () => {
    const project = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const aksk = { kind: 'aksk', ak: 'AKEXAMPLE', sk: 'secret-one' } as const;
    const keys = [
      pollGroupKey(aksk, project, 'en-us'),
      pollGroupKey({ ...aksk, sk: 'secret-two' }, project, 'en-us'),
      pollGroupKey({ ...aksk, securityToken: 'session' }, project, 'en-us'),
      pollGroupKey(aksk, project.replace('0a', '0b'), 'en-us'),
      pollGroupKey(aksk, project, 'zh-cn'),
      pollGroupKey({ kind: 'token', token: 'token-one' }, project, 'en-us'),
      pollGroupKey({ kind: 'token', token: 'token-two' }, project, 'en-us'),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(pollGroupKey(aksk, project, 'en-us')).toBe(keys[0]);
  });

  it('holds no lock and runs no loop for refused subscriptions, and gives both back when the last subscriber leaves', async () => {
    const [a] = await replicas(1);
    const ids = a!.sim.jobIds(a!.projectId, 3, 400);
    const body = JSON.stringify({ query: SUBSCRIPTION, variables: { ids } });
    const statuses = await Promise.all(
      Array.from({ length: 20 }, async () => {
        const response = await a!.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    expect(statuses.every((status) => status >= 400 && status < 500)).toBe(true);
    await sleep(INTERVAL * 3);
    expect(await lockKeys()).toEqual([]);
    expect(await groupsOf(a!)).toBe(0);
    expect(polls(a!.sim, 0, Date.now())).toHaveLength(0);

    const sub = subscribe(a!, ids);
    await sub.waitFor(3);
    const [lock] = await lockKeys();
    expect(lock).toBeDefined();
    // The lock lasts 1.25 intervals past its last renewal: a replica that dies holds it no longer.
    const ttl = Number((await redis.command('PTTL', lock!)).slice(1));
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(INTERVAL * 1.25);
    sub.close();
    let locks = await lockKeys();
    for (let i = 0; i < 50 && locks.length > 0; i++) {
      await sleep(20);
      locks = await lockKeys();
    }
    // Released at once (not left to expire), the loop stopped, no poll after.
    expect(locks).toEqual([]);
    expect(await groupsOf(a!)).toBe(0);
    await sleep(INTERVAL);
    const after = polls(a!.sim, 0, Date.now()).length;
    await sleep(INTERVAL * 4);
    expect(polls(a!.sim, 0, Date.now())).toHaveLength(after);
  });

  it('lets a lock expire when Redis could not take it back (frozen as the last subscriber left)', async () => {
    const [a] = await replicas(1);
    const sub = subscribe(a!, a!.sim.jobIds(a!.projectId, 2, 500));
    await sub.waitFor(2);
    expect(await lockKeys()).toHaveLength(1);
    redis.pause();
    sub.close();
    await until(() => !a!.sharedState.health().up, 'Redis down');
    await sleep(INTERVAL * 2);
    redis.resume();
    expect(await lockKeys()).toEqual([]);
    await sleep(INTERVAL * 2);
    expect(await groupsOf(a!)).toBe(0);
  });
});
