import { describe, expect, it } from 'vitest';
import { CircuitBreaker } from '../../src/drs/breaker.js';
import { RateLimiter, RetryBudget, Semaphore } from '../../src/drs/limits.js';
import { backoffMs, retryAfterMs } from '../../src/drs/retry.js';

describe('CircuitBreaker', () => {
  it('opens after N consecutive failures, fails fast, half-opens for one probe, and closes on success', () => {
    let now = 0;
    const moves: string[] = [];
    const breaker = new CircuitBreaker('batch-detail', {
      failures: 3,
      cooldownMs: 1000,
      now: () => now,
      onStateChange: (_name, from, to) => moves.push(`${from}>${to}`),
    });
    breaker.failure();
    breaker.failure();
    breaker.success(); // a success resets the count
    for (let i = 0; i < 3; i++) {
      expect(breaker.tryAcquire()).toBe(true);
      breaker.failure();
    }
    expect(breaker.current).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    now = 999;
    expect(breaker.tryAcquire()).toBe(false);
    now = 1000;
    expect(breaker.tryAcquire()).toBe(true); // the probe
    expect(breaker.current).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(false); // only one probe at a time
    breaker.failure(); // probe failed: open again, cooldown restarts
    expect(breaker.current).toBe('open');
    now = 2000;
    expect(breaker.tryAcquire()).toBe(true);
    breaker.success();
    expect(breaker.current).toBe('closed');
    expect(moves).toEqual(['closed>open', 'open>half-open', 'half-open>open', 'open>half-open', 'half-open>closed']);
  });
});

describe('RetryBudget', () => {
  it('allows min retries plus the ratio of requests, and never banks more than min', () => {
    const budget = new RetryBudget(0.1, 5);
    for (let i = 0; i < 1000; i++) budget.deposit(); // a long healthy spell
    let retries = 0;
    for (let i = 0; i < 100; i++) {
      budget.deposit();
      if (budget.trySpend()) retries++;
    }
    expect(retries).toBeGreaterThanOrEqual(14);
    expect(retries).toBeLessThanOrEqual(15);
  });
});

describe('RateLimiter', () => {
  it('lets a second of burst through, then spaces requests at 1/rps', () => {
    let now = 0;
    const limiter = new RateLimiter(5, () => now);
    const waits = Array.from({ length: 7 }, () => limiter.reserve());
    expect(waits).toEqual([0, 0, 0, 0, 0, 200, 400]);
    now = 1000;
    expect(limiter.reserve()).toBe(0);
  });
});

describe('Semaphore', () => {
  it('caps concurrency, hands slots over in order, and drops waiters whose signal aborts', async () => {
    const slots = new Semaphore(2);
    const a = await slots.acquire();
    const b = await slots.acquire();
    const order: string[] = [];
    const controller = new AbortController();
    const granted = (name: string) => (release: () => void) => {
      order.push(name);
      return release;
    };
    const c = slots.acquire().then(granted('c'));
    const d = slots.acquire(controller.signal).then(
      () => order.push('d'),
      () => order.push('d aborted'),
    );
    const e = slots.acquire().then(granted('e'));
    controller.abort();
    await d;
    a();
    b();
    (await c)();
    (await e)();
    expect(order).toEqual(['d aborted', 'c', 'e']);
  });
});

describe('Semaphore shared between tenants', () => {
  it('serves tenants in turn: a burst of one tenant waits behind another tenant’s few calls', async () => {
    const slots = new Semaphore(1);
    const first = await slots.acquire(undefined, 'a');
    const order: string[] = [];
    const waiters = [
      ...Array.from({ length: 6 }, (_, i) => ['a', `a${i}`] as const),
      ['b', 'b0'] as const,
      ['b', 'b1'] as const,
    ].map(([tenant, name]) =>
      slots.acquire(undefined, tenant).then((release) => {
        order.push(name);
        release();
      }),
    );
    expect(slots.waiting).toBe(8);
    first();
    await Promise.all(waiters);
    // Round robin from the tenant that queued first: b's two calls do not wait for all of a's six.
    expect(order).toEqual(['a0', 'b0', 'a1', 'b1', 'a2', 'a3', 'a4', 'a5']);
    expect(slots.waiting).toBe(0);
  });
});

describe('retry timing', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffMs(0, 100, 2000, () => 1)).toBe(100);
    expect(backoffMs(3, 100, 2000, () => 1)).toBe(800);
    expect(backoffMs(10, 100, 2000, () => 1)).toBe(2000);
    expect(backoffMs(3, 100, 2000, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
    const now = Date.parse('2026-11-25T12:00:00Z');
    expect(retryAfterMs('Wed, 25 Nov 2026 12:00:03 GMT', now)).toBe(3000);
  });
});
