import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { RedisHealth } from './health.js';
import type { SharedRateLimit } from './types.js';

/**
 * DRS_RATE_LIMIT_RPS across replicas: rate-limiter-flexible's Redis limiter (a one-second window
 * per credential, counted atomically in Redis). While Redis is down each replica falls back to the
 * same limit in its own memory: N replicas may then send up to N times the rate, which is still
 * bounded, rather than stop.
 */
export class RedisRateLimit implements SharedRateLimit {
  private readonly shared: RateLimiterRedis;
  private readonly local: RateLimiterMemory;

  constructor(
    client: Redis,
    private readonly health: RedisHealth,
    keyPrefix: string,
    perSecond: number,
  ) {
    this.shared = new RateLimiterRedis({ storeClient: client, keyPrefix, points: perSecond, duration: 1 });
    this.local = new RateLimiterMemory({ points: perSecond, duration: 1 });
  }

  async admit(key: string, maxWaitMs: number, signal?: AbortSignal): Promise<boolean> {
    // The credential key names an AK; Redis holds only its hash.
    const hashed = createHash('sha256').update(key).digest('hex').slice(0, 32);
    const until = Date.now() + maxWaitMs;
    for (;;) {
      const wait = await this.consume(hashed);
      if (wait === 0) return true;
      if (Date.now() + wait >= until) return false;
      // A little spread, so callers refused in one window do not all return at the same instant.
      await sleep(wait + Math.floor(Math.random() * 20), undefined, { signal });
    }
  }

  /** 0 when admitted, else how long until the window that may admit it. */
  private async consume(key: string): Promise<number> {
    if (this.health.current.up) {
      try {
        return await waitOf(this.shared, key);
      } catch (failure) {
        // Redis failed: this call is judged locally, and the health keeps later ones there.
        this.health.markDown(failure instanceof Error ? failure.message : String(failure));
      }
    }
    return waitOf(this.local, key);
  }
}

/** 0 when the limiter admits one more, the wait before its next window when not; rethrows a store failure. */
async function waitOf(limiter: RateLimiterRedis | RateLimiterMemory, key: string): Promise<number> {
  try {
    await limiter.consume(key);
    return 0;
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return Math.max(1, outcome.msBeforeNext);
    throw outcome;
  }
}
