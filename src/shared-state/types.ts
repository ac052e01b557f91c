/**
 * What gateway replicas share: short-lived values, locks with expiry, pub/sub and per-key rate
 * limits. One implementation keeps them in this process (the default); the other in Redis, so
 * every replica sees the same. Every method of a Redis state rejects with `SharedStateUnavailable`
 * at once while Redis is down or slow: callers then do without (call DRS directly, poll locally).
 */
export interface SharedState {
  readonly backend: 'memory' | 'redis';
  /** Up or down now, and whether readiness must fail while down. */
  health(): SharedHealth;
  /** Hears every move between up and down (metrics, poll leadership); returns its removal. */
  onHealthChange(listener: (health: SharedHealth) => void): () => void;
  /** The values stored under `keys`, in order; undefined where none (or expired). */
  getMany(keys: readonly string[]): Promise<(string | undefined)[]>;
  /** Stores each value for its `ttlMs`. */
  setMany(entries: readonly SharedEntry[]): Promise<void>;
  /** The lock on `key` for `ttlMs` if nobody holds it; undefined if someone does. */
  tryLock(key: string, ttlMs: number): Promise<SharedLock | undefined>;
  /** Sends `message` to every subscriber of `channel`, on every replica (at most once, no replay). */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `onMessage` for each message on `channel` until the returned function is called. */
  subscribe(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>>;
  /** A limit of `perSecond` admissions per key, shared by every replica. */
  rateLimit(perSecond: number): SharedRateLimit;
  close(): Promise<void>;
}

export interface SharedEntry {
  key: string;
  value: string;
  ttlMs: number;
}

export interface SharedHealth {
  backend: 'memory' | 'redis';
  up: boolean;
  /** REDIS_REQUIRED: while down, readiness fails. */
  required: boolean;
  /** Epoch ms of the last move between up and down (or of the start). */
  since: number;
}

/** A lock held until released or expired; only its holder can renew or release it. */
export interface SharedLock {
  readonly key: string;
  /** Extends the lock to `ttlMs` from now; false when it had expired (and may be someone else's). */
  renew(ttlMs: number): Promise<boolean>;
  /** Frees the lock if still held (a lock that expired and was taken by another is left alone). */
  release(): Promise<void>;
}

/** Admissions per key per second. */
export interface SharedRateLimit {
  /**
   * Waits until the key may make one more request and takes it; false, without waiting, when that
   * wait would exceed `maxWaitMs`. Rejects if `signal` aborts while waiting.
   */
  admit(key: string, maxWaitMs: number, signal?: AbortSignal): Promise<boolean>;
}

/** Thrown by a shared state's methods while its backend is down or too slow. */
export class SharedStateUnavailable extends Error {
  override name = 'SharedStateUnavailable';
}
