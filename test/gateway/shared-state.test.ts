import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedStateConfig } from '../../src/shared-state/config.js';
import { MemoryState, RedisState, type SharedState, SharedStateUnavailable } from '../../src/shared-state/index.js';
import { captureLogs } from '../support/log-capture.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';

/** Until `check` holds (or 5 s pass): Redis moves are heard asynchronously. */
async function eventually(check: () => boolean, what: string): Promise<void> {
  const until = Date.now() + 5_000;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

let redis: RedisServer;
const opened: SharedState[] = [];
let prefixes = 0;

/** Two replicas' views of one backend: two Redis clients on one server, or one memory state twice. */
async function pair(backend: 'memory' | 'redis'): Promise<[SharedState, SharedState]> {
  if (backend === 'memory') {
    const memory = new MemoryState();
    opened.push(memory);
    return [memory, memory];
  }
  const config = sharedStateConfig({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: `t${++prefixes}:` });
  const { logger } = captureLogs('silent');
  const states = [
    new RedisState({ ...config, redisUrl: redis.url }, logger),
    new RedisState({ ...config, redisUrl: redis.url }, logger),
  ] as const;
  opened.push(...states);
  await eventually(() => states.every((s) => s.health().up), 'Redis clients to connect');
  return [...states];
}

beforeAll(async () => {
  redis = await startRedisServer();
});

afterAll(async () => {
  for (const state of opened) await state.close();
  await redis?.stop();
});

describe.each(['memory', 'redis'] as const)('shared state (%s)', (backend) => {
  it('keeps values for their TTL and shares them between replicas', async () => {
    const [a, b] = await pair(backend);
    await a.setMany([
      { key: 'k1', value: 'one', ttlMs: 5_000 },
      { key: 'k2', value: 'two', ttlMs: 80 },
    ]);
    expect(await b.getMany(['k1', 'k2', 'k3'])).toEqual(['one', 'two', undefined]);
    await sleep(150);
    expect(await b.getMany(['k1', 'k2'])).toEqual(['one', undefined]);
  });

  it('gives a lock to one holder until it is released or expires; only the holder renews or frees it', async () => {
    const [a, b] = await pair(backend);
    const lock = await a.tryLock('leader', 200);
    expect(lock).toBeDefined();
    expect(await b.tryLock('leader', 200)).toBeUndefined();
    expect(await lock!.renew(400)).toBe(true);
    await sleep(250);
    // Renewed: still held past the first expiry.
    expect(await b.tryLock('leader', 200)).toBeUndefined();
    await lock!.release();
    const next = await b.tryLock('leader', 100);
    expect(next).toBeDefined();
    // The old holder can neither renew nor free what is now someone else's.
    expect(await lock!.renew(1_000)).toBe(false);
    await lock!.release();
    expect(await a.tryLock('leader', 100)).toBeUndefined();
    await sleep(150);
    expect(await a.tryLock('leader', 100)).toBeDefined();
  });

  it('delivers a published message to every subscriber of the channel, on every replica, until unsubscribed', async () => {
    const [a, b] = await pair(backend);
    const seenA: string[] = [];
    const seenB: string[] = [];
    const stopA = await a.subscribe('progress', (m) => seenA.push(m));
    const stopB = await b.subscribe('progress', (m) => seenB.push(m));
    await b.subscribe('other', (m) => seenB.push(`other:${m}`));
    await a.publish('progress', 'p1');
    await eventually(() => seenA.length === 1 && seenB.length === 1, 'the first message');
    await stopA();
    await b.publish('progress', 'p2');
    await eventually(() => seenB.length === 2, 'the second message');
    await sleep(50);
    expect(seenA).toEqual(['p1']);
    expect(seenB).toEqual(['p1', 'p2']);
    await stopB();
  });

  it('admits `perSecond` per key per second, counted across replicas', async () => {
    const [a, b] = await pair(backend);
    const limitA = a.rateLimit(4);
    const limitB = b.rateLimit(4);
    // The memory state is one process: its two "replicas" are one limiter, as one gateway has.
    const limits = backend === 'memory' ? [limitA, limitA] : [limitA, limitB];
    const started = Date.now();
    const admitted = await Promise.all(Array.from({ length: 8 }, (_, i) => limits[i % 2]!.admit('cred', 0)));
    // With no wait allowed, only one second's worth goes at once; the rest are refused unsent.
    expect(admitted.filter(Boolean)).toHaveLength(4);
    expect(await limits[1]!.admit('other-cred', 0)).toBe(true);
    // Allowed to wait, the next one goes once the window has room.
    expect(await limits[0]!.admit('cred', 5_000)).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });
});

describe('Redis state when Redis goes away', () => {
  it('fails fast while Redis is stopped, logs the move once each way, and recovers when it returns', async () => {
    const logs = captureLogs('info');
    const config = sharedStateConfig({ REDIS_URL: redis.url, REDIS_KEY_PREFIX: 'outage:' });
    const state = new RedisState({ ...config, redisUrl: redis.url }, logs.logger);
    opened.push(state);
    const moves: boolean[] = [];
    state.onHealthChange((h) => moves.push(h.up));
    await eventually(() => state.health().up, 'the first connection');
    await state.setMany([{ key: 'a', value: '1', ttlMs: 60_000 }]);
    await redis.stop();
    await eventually(() => !state.health().up, 'the outage to be noticed');
    const started = performance.now();
    await expect(state.getMany(['a'])).rejects.toBeInstanceOf(SharedStateUnavailable);
    await expect(state.tryLock('l', 100)).rejects.toBeInstanceOf(SharedStateUnavailable);
    expect(performance.now() - started).toBeLessThan(50);
    // Down, a rate limit still admits (in this process's memory).
    expect(await state.rateLimit(2).admit('cred', 0)).toBe(true);
    await sleep(1_000); // several reconnect attempts: still one line
    await redis.start();
    await eventually(() => state.health().up, 'the reconnection');
    // A fresh redis-server is empty: the cache starts cold, which only costs DRS calls.
    expect(await state.getMany(['a'])).toEqual([undefined]);
    expect(moves).toEqual([true, false, true]);
    const lines = logs.since().filter((r) => String(r.msg).startsWith('shared state'));
    expect(lines.map((r) => r.level)).toEqual(['info', 'warn', 'info']);
    expect(logs.text()).not.toContain(redis.url);
  });

  it('counts a Redis that stops answering as down after REDIS_COMMAND_TIMEOUT_MS, and up again once it answers', async () => {
    const config = sharedStateConfig({
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'slow:',
      REDIS_COMMAND_TIMEOUT_MS: '200',
    });
    const state = new RedisState({ ...config, redisUrl: redis.url }, captureLogs('silent').logger);
    opened.push(state);
    await eventually(() => state.health().up, 'the first connection');
    redis.pause();
    try {
      const started = performance.now();
      await expect(state.getMany(['x'])).rejects.toBeInstanceOf(SharedStateUnavailable);
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(150);
      expect(waited).toBeLessThan(1_500);
      expect(state.health().up).toBe(false);
      // Known down: the next command is refused without waiting.
      const next = performance.now();
      await expect(state.getMany(['x'])).rejects.toBeInstanceOf(SharedStateUnavailable);
      expect(performance.now() - next).toBeLessThan(50);
    } finally {
      redis.resume();
    }
    await eventually(() => state.health().up, 'the probe to find Redis answering');
    expect(await state.getMany(['x'])).toEqual([undefined]);
  });
});
