/**
 * A counting semaphore whose waiters give up when their signal aborts. Waiters queue per tenant
 * (credential and project) and the tenants take turns, so one tenant's burst of a thousand chunks
 * cannot push another tenant's few calls to the back of the line; within a tenant, first come first
 * served.
 */
export class Semaphore {
  private active = 0;
  /** Waiting grants per tenant; the map's order is the order in which tenants are served next. */
  private readonly queues = new Map<string, (() => void)[]>();

  constructor(private readonly limit: number) {}

  async acquire(signal?: AbortSignal, tenant = ''): Promise<() => void> {
    if (this.active < this.limit) {
      this.active++;
      return this.releaser();
    }
    await new Promise<void>((resolve, reject) => {
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const queue = this.queues.get(tenant);
        const index = queue?.indexOf(grant) ?? -1;
        if (index >= 0) queue!.splice(index, 1);
        if (queue?.length === 0) this.queues.delete(tenant);
        reject(signal?.reason);
      };
      if (signal?.aborted) return reject(signal.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      const queue = this.queues.get(tenant);
      if (queue) queue.push(grant);
      else this.queues.set(tenant, [grant]);
    });
    return this.releaser();
  }

  /** Callers waiting for a slot, all tenants together. */
  get waiting(): number {
    let count = 0;
    for (const queue of this.queues.values()) count += queue.length;
    return count;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.next();
      // Hand the slot straight to the next waiter, or free it.
      if (next) next();
      else this.active--;
    };
  }

  /** The first waiter of the tenant whose turn it is; that tenant then goes to the back. */
  private next(): (() => void) | undefined {
    for (const [tenant, queue] of this.queues) {
      const grant = queue.shift();
      this.queues.delete(tenant);
      if (queue.length > 0) this.queues.set(tenant, queue);
      if (grant) return grant;
    }
    return undefined;
  }
}

/** Requests-per-second limit: a token bucket refilled continuously, holding at most one second. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = perSecond;
    this.last = now();
  }

  /** Milliseconds to wait before the next request may go; reserves its token. */
  reserve(): number {
    const now = this.now();
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : Math.ceil((-this.tokens / this.perSecond) * 1000);
  }

  /** Gives back the token of a reservation that was not used (its wait was too long). */
  refund(): void {
    this.tokens = Math.min(this.perSecond, this.tokens + 1);
  }
}

/**
 * Retry budget: each first attempt deposits `ratio` of a retry, each retry spends one; `min` retries
 * are always available, so a failing upstream sees at most `min` + `ratio` × requests extra traffic.
 */
export class RetryBudget {
  private balance: number;

  constructor(
    private readonly ratio: number,
    private readonly min: number,
  ) {
    this.balance = min;
  }

  deposit(): void {
    // Capped at `min`: a long healthy spell must not bank a burst of retries for the next outage.
    this.balance = Math.min(this.balance + this.ratio, Math.max(this.min, 1));
  }

  trySpend(): boolean {
    if (this.balance < 1) return false;
    this.balance -= 1;
    return true;
  }
}
