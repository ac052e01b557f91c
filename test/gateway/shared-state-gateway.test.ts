import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { type Harness, startHarness } from '../support/harness.js';
import { type RedisServer, startRedisServer } from '../support/redis-server.js';

let redis: RedisServer;
const open: Harness[] = [];

async function harness(env: Record<string, string>): Promise<Harness> {
  const h = await startHarness({ REDIS_KEY_PREFIX: `gw${open.length}:`, ...env });
  open.push(h);
  return h;
}

async function readiness(h: Harness): Promise<{ status: number; body: any }> {
  const response = await h.fetch('http://gateway/readiness');
  return { status: response.status, body: await response.json() };
}

async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string): Promise<T> {
  const until = Date.now() + 8_000;
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

const JOB = `query($id: ID!) { job(id: $id) { id name } }`;

beforeAll(async () => {
  redis = await startRedisServer();
});

afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
  if ((await redis.command('PING').catch(() => '')) !== '+PONG') await redis.start();
});

afterAll(async () => {
  await redis?.stop();
});

describe('shared state in the gateway', () => {
  it('reports memory in readiness and metrics when REDIS_URL is unset', async () => {
    const h = await harness({});
    const ready = await readiness(h);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.sharedState).toEqual({ backend: 'memory', up: true, required: false });
    const metrics = await (await h.fetch('http://gateway/metrics')).text();
    expect(metrics).toContain('drs_gateway_shared_state_up{backend="memory"} 1');
  });

  it('with REDIS_REQUIRED=true fails readiness while Redis is stopped, keeps answering, and recovers', async () => {
    const h = await harness({ REDIS_URL: redis.url, REDIS_REQUIRED: 'true' });
    const up = await eventually(
      () => readiness(h),
      (r) => r.status === 200,
      'ready',
    );
    expect(up.body.checks.sharedState).toEqual({ backend: 'redis', up: true, required: true });
    await redis.stop();
    const down = await eventually(
      () => readiness(h),
      (r) => r.status === 503,
      'not ready',
    );
    expect(down.body.checks.sharedState).toEqual({ backend: 'redis', up: false, required: true });
    // Not ready for new traffic, but an operation that arrives is still answered from DRS.
    const id = h.sim.jobIds(h.projectId, 1)[0]!;
    const answer = await h.gql(JOB, { id });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.job.id).toBe(id);
    expect(h.calls('batch-detail')).toHaveLength(1);
    const metrics = await (await h.fetch('http://gateway/metrics')).text();
    expect(metrics).toContain('drs_gateway_shared_state_up{backend="redis"} 0');
    expect(metrics).toContain('drs_gateway_shared_state_transitions_total{to="down"} 1');
    await redis.start();
    const back = await eventually(
      () => readiness(h),
      (r) => r.status === 200,
      'ready again',
    );
    expect(back.body.checks.sharedState.up).toBe(true);
    expect(JSON.stringify(back.body)).not.toContain(redis.url);
  });

  it('without REDIS_REQUIRED stays ready while Redis is stopped and says so in the detail', async () => {
    const h = await harness({ REDIS_URL: redis.url });
    await eventually(
      () => readiness(h),
      (r) => r.body.checks.sharedState.up === true,
      'Redis up',
    );
    await redis.stop();
    const down = await eventually(
      () => readiness(h),
      (r) => r.body.checks.sharedState.up === false,
      'Redis down',
    );
    expect(down.status).toBe(200);
    expect(down.body.checks.sharedState).toEqual({ backend: 'redis', up: false, required: false });
  });
});

describe('shared state configuration', () => {
  const base = { DRS_ENDPOINT: 'http://127.0.0.1:1', DRS_PROJECT_ID: '0a1b2c3d4e5f60718293a4b5c6d7e8f9' };

  it('defaults to memory, not required, with a key prefix and a 300 ms command timeout', () => {
    expect(loadConfig(base).sharedState).toEqual({
      redisUrl: undefined,
      required: false,
      keyPrefix: 'drs-gateway:',
      commandTimeoutMs: 300,
    });
  });

  it('refuses a bad REDIS_URL without echoing it, and REDIS_REQUIRED without REDIS_URL', () => {
    expect(() => loadConfig({ ...base, REDIS_URL: 'http://user:secret@redis:6379' })).toThrow(
      /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/,
    );
    try {
      loadConfig({ ...base, REDIS_URL: 'http://user:secret@redis:6379' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).not.toContain('secret');
    }
    expect(() => loadConfig({ ...base, REDIS_REQUIRED: 'true' })).toThrow(/REDIS_REQUIRED=true needs REDIS_URL/);
    expect(() => loadConfig({ ...base, REDIS_KEY_PREFIX: 'bad prefix!' })).toThrow(/REDIS_KEY_PREFIX/);
    expect(() => loadConfig({ ...base, REDIS_COMMAND_TIMEOUT_MS: '5' })).toThrow(/REDIS_COMMAND_TIMEOUT_MS/);
  });
});
