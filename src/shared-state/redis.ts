import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import type { SharedStateConfig } from './config.js';
import { RedisHealth } from './health.js';
import { RedisSubscriber } from './redis-pubsub.js';
import { RedisRateLimit } from './redis-rate-limit.js';
import {
  type SharedEntry,
  type SharedHealth,
  type SharedLock,
  type SharedRateLimit,
  type SharedState,
  SharedStateUnavailable,
} from './types.js';

/** Extends or frees a lock only while the caller's token is still the one stored. */
const RENEW =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) end return 0";
const RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0";
/** How often a down Redis is asked whether it is back (a reconnect is heard at once anyway). */
const PROBE_INTERVAL_MS = 1_000;

/**
 * Shared state in Redis: one command connection per gateway (and one for pub/sub, opened on the
 * first subscription). Commands are never queued while disconnected and time out after
 * REDIS_COMMAND_TIMEOUT_MS, so a dead or slow Redis fails fast; `RedisHealth` then keeps calls away.
 */
export class RedisState implements SharedState {
  readonly backend = 'redis';
  private readonly client: Redis;
  private readonly status: RedisHealth;
  private readonly subscriber: RedisSubscriber;
  private readonly prefix: string;

  constructor(config: SharedStateConfig & { redisUrl: string }, logger: Logger) {
    this.prefix = config.keyPrefix;
    this.client = new Redis(config.redisUrl, {
      lazyConnect: true,
      enableOfflineQueue: false,
      commandTimeout: config.commandTimeoutMs,
      connectTimeout: Math.max(1_000, config.commandTimeoutMs * 4),
      maxRetriesPerRequest: 0,
      // Reconnect forever, soon after a restart, never hammering a dead one.
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    this.status = new RedisHealth({
      required: config.required,
      logger,
      probeIntervalMs: PROBE_INTERVAL_MS,
      probe: async () => {
        await this.client.ping();
      },
    });
    this.client.on('ready', () => this.status.markUp());
    // ioredis emits one error per failed reconnect: the health logs only the move to down.
    this.client.on('error', (error: Error) => this.status.markDown(error.message));
    this.client.on('close', () => this.status.markDown('connection closed'));
    this.subscriber = new RedisSubscriber(this.client, this.prefix, Math.max(1_000, config.commandTimeoutMs * 4));
    // Connecting never delays start-up: until Redis is ready, the gateway runs as if it were down.
    this.client.connect().catch(() => {});
  }

  health(): SharedHealth {
    return this.status.current;
  }

  onHealthChange(listener: (health: SharedHealth) => void): () => void {
    return this.status.onChange(listener);
  }

  getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.guard(async () => {
      const values = await this.client.mget(keys.map((key) => this.prefix + key));
      return values.map((value) => value ?? undefined);
    });
  }

  setMany(entries: readonly SharedEntry[]): Promise<void> {
    if (entries.length === 0) return Promise.resolve();
    return this.guard(async () => {
      const pipeline = this.client.pipeline();
      for (const { key, value, ttlMs } of entries) pipeline.set(this.prefix + key, value, 'PX', Math.max(1, ttlMs));
      const results = (await pipeline.exec()) ?? [];
      const failed = results.find(([error]) => error !== null);
      if (failed) throw failed[0];
    });
  }

  tryLock(key: string, ttlMs: number): Promise<SharedLock | undefined> {
    const stored = this.prefix + key;
    const token = randomUUID();
    return this.guard(async () => {
      const taken = await this.client.set(stored, token, 'PX', Math.max(1, ttlMs), 'NX');
      if (taken !== 'OK') return undefined;
      return {
        key,
        renew: (renewMs: number) =>
          this.guard(async () => (await this.client.eval(RENEW, 1, stored, token, Math.max(1, renewMs))) === 1),
        release: () =>
          this.guard(async () => {
            await this.client.eval(RELEASE, 1, stored, token);
          }),
      };
    });
  }

  publish(channel: string, message: string): Promise<void> {
    return this.guard(async () => {
      await this.client.publish(this.prefix + channel, message);
    });
  }

  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    return this.subscriber.add(channel, onMessage);
  }

  rateLimit(perSecond: number): SharedRateLimit {
    return new RedisRateLimit(this.client, this.status, `${this.prefix}rate`, perSecond);
  }

  async close(): Promise<void> {
    this.status.close();
    await this.subscriber.close();
    this.client.disconnect();
  }

  /** Runs a command only while Redis is up; a failure or timeout marks it down for everyone. */
  private async guard<T>(command: () => Promise<T>): Promise<T> {
    if (!this.status.current.up) throw new SharedStateUnavailable('Redis is down');
    try {
      return await command();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.status.markDown(message);
      throw new SharedStateUnavailable(`Redis: ${message}`, { cause: error });
    }
  }
}
