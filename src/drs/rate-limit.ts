import { setTimeout as sleep } from 'node:timers/promises';
import { RateLimiter } from './limits.js';

/** Requests per second per credential (DRS_RATE_LIMIT_RPS): local, or shared by replicas (src/shared-state). */
export interface CallRateLimit {
  /**
   * Waits until `key` may send one more request and takes it; false, without waiting, when that
   * wait would reach `maxWaitMs` (the operation's deadline).
   */
  admit(key: string, maxWaitMs: number, signal?: AbortSignal): Promise<boolean>;
}

/** One token bucket per key, in this process. */
export class LocalRateLimit implements CallRateLimit {
  private readonly buckets = new Map<string, RateLimiter>();

  constructor(private readonly perSecond: number) {}

  async admit(key: string, maxWaitMs: number, signal?: AbortSignal): Promise<boolean> {
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = new RateLimiter(this.perSecond);
      this.buckets.set(key, bucket);
    }
    const wait = bucket.reserve();
    if (wait > 0 && wait >= maxWaitMs) {
      bucket.refund();
      return false;
    }
    if (wait > 0) await sleep(wait, undefined, { signal });
    return true;
  }
}
