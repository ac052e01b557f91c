import type { Logger } from '../logging/logger.js';
import type { SharedHealth } from './types.js';

export interface HealthOptions {
  required: boolean;
  logger: Logger;
  /** Resolves when Redis answers in time; tried every `probeIntervalMs` while down. */
  probe: () => Promise<void>;
  probeIntervalMs: number;
}

/**
 * Up or down, moved by the connection's events and by commands that fail or time out. Each move
 * is logged once (not each failed command or reconnect attempt). While down, nothing is sent to
 * Redis except a probe now and then, so a slow Redis costs the answers nothing.
 */
export class RedisHealth {
  private up = false;
  /** No move logged yet: the first connection (or failure) is announced either way. */
  private announced = false;
  private since = Date.now();
  private readonly listeners = new Set<(health: SharedHealth) => void>();
  private probeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: HealthOptions) {}

  get current(): SharedHealth {
    return { backend: 'redis', up: this.up, required: this.options.required, since: this.since };
  }

  onChange(listener: (health: SharedHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  markUp(): void {
    this.stopProbing();
    if (this.up || this.closed) return;
    this.up = true;
    this.moved();
    this.options.logger.info('shared state: Redis is up; cache, call collapsing and rate limits are shared');
  }

  markDown(reason: string): void {
    if (this.closed) return;
    this.startProbing();
    if (!this.up && this.announced) return;
    this.up = false;
    this.moved();
    const effect = this.options.required
      ? 'readiness fails until it returns (REDIS_REQUIRED)'
      : 'answering from DRS directly (no shared cache or collapsing, local rate limit) until it returns';
    this.options.logger.warn({ reason }, `shared state: Redis is down; ${effect}`);
  }

  close(): void {
    this.closed = true;
    this.stopProbing();
    this.listeners.clear();
  }

  private moved(): void {
    this.announced = true;
    this.since = Date.now();
    const health = this.current;
    for (const listener of this.listeners) listener(health);
  }

  private startProbing(): void {
    if (this.probeTimer !== undefined) return;
    this.probeTimer = setInterval(() => {
      this.options.probe().then(
        () => this.markUp(),
        () => {},
      );
    }, this.options.probeIntervalMs);
    // A probe loop must never keep the process alive.
    this.probeTimer.unref();
  }

  private stopProbing(): void {
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
  }
}
