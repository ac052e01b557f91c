/** "More than five consecutive failures lock the AK for 5 minutes" (APIG FAQ, REFERENCE §9.4). */
export const MAX_CONSECUTIVE_FAILURES = 5;
export const LOCK_MS = 5 * 60_000;

export interface Lockout {
  /** True while `ak` is locked at simulated instant `now`. */
  locked(ak: string, now: number): boolean;
  /** Counts a failed verification; the one past the fifth in a row locks the AK. */
  fail(ak: string, now: number): void;
  succeed(ak: string): void;
  reset(): void;
}

/** Runs on the simulated clock, so a test can lock an AK and advance past the 5 minutes. */
export function createLockout(): Lockout {
  const failures = new Map<string, number>();
  const lockedUntil = new Map<string, number>();
  return {
    locked: (ak, now) => (lockedUntil.get(ak) ?? Number.NEGATIVE_INFINITY) > now,
    fail(ak, now) {
      const count = (failures.get(ak) ?? 0) + 1;
      if (count > MAX_CONSECUTIVE_FAILURES) {
        lockedUntil.set(ak, now + LOCK_MS);
        failures.delete(ak);
      } else failures.set(ak, count);
    },
    succeed(ak) {
      failures.delete(ak);
    },
    reset() {
      failures.clear();
      lockedUntil.clear();
    },
  };
}
