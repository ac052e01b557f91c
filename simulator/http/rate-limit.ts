/**
 * APIG's per-user flow control: at most `limit` admitted requests per credential in any
 * one-second window (a sliding window, so a burst is cut at exactly `limit` wherever it falls).
 * Time is the monotonic wall clock, not the simulated one: a manual clock never freezes a window.
 */
export interface RateLimiter {
  /** Counts a request of `identity`; false when `limit` requests were admitted in the last second. */
  admit(identity: string, limit: number): boolean;
  reset(): void;
}

export function createRateLimiter(now: () => number = () => performance.now()): RateLimiter {
  const admitted = new Map<string, number[]>();
  return {
    admit(identity, limit) {
      if (limit <= 0) return true;
      const t = now();
      const times = admitted.get(identity) ?? [];
      while (times.length > 0 && (times[0] as number) <= t - 1000) times.shift();
      if (times.length >= limit) return false;
      times.push(t);
      admitted.set(identity, times);
      return true;
    },
    reset: () => admitted.clear(),
  };
}
