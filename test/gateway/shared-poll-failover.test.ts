import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import {
  INTERVAL,
  keepMoving,
  longestGap,
  movingJobs,
  polls,
  repeats,
  startReplicas,
  until,
  type Watching,
  watch,
} from '../support/live-replicas.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';

/**
 * Takeover within 1.75 intervals of the leader's last renewal (2.25 after its last poll), plus a
 * busy machine's timer delays; still less than the 4 intervals after which a follower polls alone.
 */
const MAX_GAP = INTERVAL * 2.5 + 200;

let redis: RedisServer;
const open: Harness[] = [];
const subs: Watching[] = [];
const children: ChildProcess[] = [];
let prefixes = 0;

async function replicas(count: number): Promise<Harness[]> {
  const started = await startReplicas(count, redis.url, `failover${++prefixes}:`);
  open.push(...started);
  return started;
}

function subscribe(...args: Parameters<typeof watch>): Watching {
  const sub = watch(...args);
  subs.push(sub);
  return sub;
}

/** Checks the surviving subscribers over [from, to]: no long silence, no event twice in a row. */
function expectSteady(survivors: Watching[], from: number, to: number): void {
  for (const sub of survivors) {
    expect(longestGap(sub.arrivals, from, to)).toBeLessThanOrEqual(MAX_GAP);
    expect(repeats(sub)).toEqual([]);
  }
}

beforeAll(async () => {
  redis = await startRedisServer();
});

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  for (const sub of subs.splice(0)) sub.close();
  for (const h of open.splice(0).reverse()) await h.close();
  if ((await redis.command('PING').catch(() => '')) !== '+PONG') await redis.start();
});

afterAll(async () => {
  await redis?.stop();
});

describe('poll leader failover', () => {
  it('moves the poll to another replica within two intervals when the leading replica closes', async () => {
    const [owner, leader, third] = await replicas(3);
    const ids = movingJobs(owner!.sim, owner!.projectId, 6);
    // The first replica to watch takes the lock (not the simulator's owner, which must stay up).
    const onLeader = subscribe(leader!, ids);
    await onLeader.waitFor(ids.length);
    const survivors = [subscribe(owner!, ids), subscribe(third!, ids.slice(2)), subscribe(third!, ids.slice(0, 3))];
    await Promise.all(survivors.map((sub) => sub.waitFor(sub.ids.length)));
    const stop = keepMoving(owner!.sim);
    await sleep(INTERVAL * 4);
    const closed = Date.now();
    open.splice(open.indexOf(leader!), 1);
    await leader!.close();
    await sleep(INTERVAL * 8);
    stop();
    const end = Date.now();
    const times = polls(owner!.sim, closed - INTERVAL * 2, end).map((call) => call.at);
    expect(longestGap(times, closed - INTERVAL * 2, end)).toBeLessThanOrEqual(MAX_GAP);
    // One replica polls again, not both survivors.
    expect(polls(owner!.sim, closed + INTERVAL * 2, end).length).toBeLessThanOrEqual(7);
    expectSteady(survivors, closed - INTERVAL * 2, end);
  });

  it('takes over from a leader process killed with SIGKILL once its lock expires', async () => {
    const [follower, other] = await replicas(2);
    const { sim } = follower!;
    const ids = movingJobs(sim, follower!.projectId, 5);
    const child = await startGatewayProcess(follower!);
    const onChild = subscribe(
      { fetch: (input, init) => fetch(String(input).replace('http://gateway/graphql', child.url), init) },
      ids,
    );
    await onChild.waitFor(ids.length);
    const survivors = [subscribe(follower!, ids), subscribe(other!, ids.slice(1))];
    await Promise.all(survivors.map((sub) => sub.waitFor(sub.ids.length)));
    const stop = keepMoving(sim);
    await sleep(INTERVAL * 4);
    // Before the kill every poll was the child's: the followers rely on it.
    const killed = Date.now();
    expect(polls(sim, killed - INTERVAL * 3, killed).length).toBeLessThanOrEqual(4);
    child.process.kill('SIGKILL');
    await sleep(INTERVAL * 8);
    stop();
    const end = Date.now();
    const times = polls(sim, killed - INTERVAL * 2, end).map((call) => call.at);
    // Taken over through the lock's expiry (a follower that heard no leader for 4 intervals would be later)...
    expect(longestGap(times, killed - INTERVAL * 2, end)).toBeLessThanOrEqual(MAX_GAP);
    // ...by one follower: the other one goes on listening.
    expect(polls(sim, killed + INTERVAL * 2, end).length).toBeLessThanOrEqual(7);
    expectSteady(survivors, killed - INTERVAL * 2, end);
  });

  it('polls on every replica while Redis is stopped, keeps subscribers fed, and shares the poll again once it is back', async () => {
    const [a, b] = await replicas(2);
    const ids = movingJobs(a!.sim, a!.projectId, 6);
    const watching = [subscribe(a!, ids), subscribe(b!, ids), subscribe(b!, ids.slice(3))];
    await Promise.all(watching.map((sub) => sub.waitFor(sub.ids.length)));
    const stop = keepMoving(a!.sim);
    await sleep(INTERVAL * 2);
    const shared = Date.now();
    await sleep(INTERVAL * 8);
    expect(polls(a!.sim, shared, Date.now()).length).toBeLessThanOrEqual(9);

    const stopped = Date.now();
    await redis.stop();
    await until(() => !a!.sharedState.health().up && !b!.sharedState.health().up, 'Redis down');
    await sleep(INTERVAL);
    const alone = Date.now();
    await sleep(INTERVAL * 8);
    // Each replica polls for itself: about 16 calls in 8 intervals.
    expect(polls(a!.sim, alone, Date.now()).length).toBeGreaterThanOrEqual(11);

    await redis.start();
    await until(() => a!.sharedState.health().up && b!.sharedState.health().up, 'Redis up');
    // Back to one poll per interval once both hear each other again (the pub/sub connection reconnects too).
    const limit = Date.now() + 15_000;
    for (;;) {
      const from = Date.now();
      await sleep(INTERVAL * 6);
      if (polls(a!.sim, from, Date.now()).length <= 7) break;
      if (Date.now() > limit) throw new Error('replicas did not share the poll again within 15 s');
    }
    stop();
    expectSteady(watching, stopped - INTERVAL * 2, Date.now());
  });
});

/** src/main.ts in a process of its own (as deployed), pointed at the follower's simulator and Redis. */
async function startGatewayProcess(peer: Harness): Promise<{ process: ChildProcess; url: string }> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const cwd = mkdtempSync(join(tmpdir(), 'gateway-replica-'));
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME };
  Object.assign(env, {
    DRS_ENDPOINT: peer.sim.url,
    DRS_PROJECT_ID: peer.projectId,
    DRS_AUTH_TOKEN: peer.token,
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: peer.config.sharedState.keyPrefix,
    DRS_POLL_INTERVAL_MS: String(INTERVAL),
    DRS_BATCH_SIZE: '25',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_FORMAT: 'pretty',
    LOG_LEVEL: 'info',
  });
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'src/main.ts')], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  child.once('exit', () => rmSync(cwd, { recursive: true, force: true }));
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const found = seen.match(/(http:\/\/127\.0\.0\.1:\d+\/graphql)/);
      if (found) resolve(found[1]!);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`gateway exited ${code}: ${seen}`)));
  });
  // Leading needs Redis: wait until the process says it is up (readiness detail).
  const readiness = url.replace(/\/graphql$/, '/readiness');
  const limit = Date.now() + 10_000;
  for (;;) {
    const body = (await (await fetch(readiness)).json()) as { checks?: { sharedState?: { up?: boolean } } };
    if (body.checks?.sharedState?.up) break;
    if (Date.now() > limit) throw new Error('the gateway process never saw Redis up');
    await sleep(50);
  }
  return { process: child, url };
}
