import { randomUUID } from 'node:crypto';
import { LocalRateLimit } from '../drs/rate-limit.js';
import type { SharedEntry, SharedHealth, SharedLock, SharedRateLimit, SharedState } from './types.js';

/** Values kept at most; the oldest written go first (a cache, so losing one only costs a DRS call). */
const MAX_VALUES = 50_000;

/** Shared state within one process: what a single replica (or `npm start`) uses, with no Redis. */
export class MemoryState implements SharedState {
  readonly backend = 'memory';
  private readonly values = new Map<string, { value: string; expires: number }>();
  private readonly locks = new Map<string, { token: string; expires: number }>();
  private readonly channels = new Map<string, Set<(message: string) => void>>();
  private readonly started = Date.now();

  health(): SharedHealth {
    return { backend: 'memory', up: true, required: false, since: this.started };
  }

  onHealthChange(): () => void {
    // Memory is never down.
    return () => {};
  }

  async getMany(keys: readonly string[]): Promise<(string | undefined)[]> {
    const now = Date.now();
    return keys.map((key) => {
      const held = this.values.get(key);
      if (held === undefined) return undefined;
      if (held.expires > now) return held.value;
      this.values.delete(key);
      return undefined;
    });
  }

  async setMany(entries: readonly SharedEntry[]): Promise<void> {
    const now = Date.now();
    for (const { key, value, ttlMs } of entries) {
      // Re-inserted at the end, so the Map's order stays the order of writing.
      this.values.delete(key);
      this.values.set(key, { value, expires: now + ttlMs });
    }
    for (const key of this.values.keys()) {
      if (this.values.size <= MAX_VALUES) break;
      this.values.delete(key);
    }
  }

  async tryLock(key: string, ttlMs: number): Promise<SharedLock | undefined> {
    const held = this.locks.get(key);
    if (held !== undefined && held.expires > Date.now()) return undefined;
    const token = randomUUID();
    this.locks.set(key, { token, expires: Date.now() + ttlMs });
    const mine = () => {
      const now = this.locks.get(key);
      return now?.token === token && now.expires > Date.now() ? now : undefined;
    };
    return {
      key,
      renew: async (renewMs) => {
        const now = mine();
        if (now) now.expires = Date.now() + renewMs;
        return now !== undefined;
      },
      release: async () => {
        if (mine()) this.locks.delete(key);
      },
    };
  }

  async publish(channel: string, message: string): Promise<void> {
    const listeners = this.channels.get(channel);
    if (listeners === undefined) return;
    // Delivered later, as Redis would: a publisher never runs its subscribers' code inline.
    for (const listener of [...listeners]) queueMicrotask(() => listener(message));
  }

  async subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    const listener = (message: string) => onMessage(message);
    let listeners = this.channels.get(channel);
    if (listeners === undefined) {
      listeners = new Set();
      this.channels.set(channel, listeners);
    }
    listeners.add(listener);
    return async () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.channels.get(channel) === listeners) this.channels.delete(channel);
    };
  }

  rateLimit(perSecond: number): SharedRateLimit {
    return new LocalRateLimit(perSecond);
  }

  async close(): Promise<void> {
    this.values.clear();
    this.locks.clear();
    this.channels.clear();
  }
}
