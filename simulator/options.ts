/** Behaviour switches that can change while the simulator runs (`sim.configure`). */
export interface RuntimeOptions {
  /** Fixed delay in ms before every answer, errors included. */
  latencyMs: number;
  /** Return results in random order instead of request order. */
  shuffle: boolean;
  /**
   * A batch mixing known and unknown IDs: `per-item` answers 200/202 with per-item errors,
   * `http400` answers 400 with the same body. A page of only unknown IDs is always 400.
   */
  mixedUnknown: 'per-item' | 'http400';
  /** batch-progress success status: 202 per the v3 spec page, 200 per current Huawei pages. */
  progressStatus: 200 | 202;
  /** Duplicate IDs in `jobs`: `reject` → 400 DRS.M00301, `dedupe` → answer each distinct ID once. */
  duplicates: 'reject' | 'dedupe';
  /** Fraction (0–1) of seeded jobs whose ID answers per-item DRS.M05004 (resource released). */
  releasedRate: number;
  /** Requests per second per credential (token or AK) before 429 APIG.0308; 0 = unlimited. */
  rateLimit: number;
  /** Lock an AK for 5 minutes (simulated) after more than 5 consecutive signature failures. */
  akLockout: boolean;
}

export const DEFAULT_RUNTIME_OPTIONS: Readonly<RuntimeOptions> = Object.freeze({
  latencyMs: 0,
  shuffle: false,
  mixedUnknown: 'per-item',
  progressStatus: 202,
  duplicates: 'reject',
  releasedRate: 0.02,
  rateLimit: 0,
  akLockout: true,
});

function check(ok: boolean, name: string, value: unknown, expected: string): void {
  if (!ok) throw new TypeError(`simulator option ${name}: expected ${expected}, got ${JSON.stringify(value)}`);
}

/** Merges `patch` into `base`, throwing on any value outside its documented range. */
export function mergeRuntimeOptions(base: RuntimeOptions, patch: Partial<RuntimeOptions>): RuntimeOptions {
  const next = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (!(key in base)) throw new TypeError(`unknown simulator option ${key}`);
    if (value !== undefined) Object.assign(next, { [key]: value });
  }
  const { latencyMs, shuffle, mixedUnknown, progressStatus, duplicates, releasedRate, rateLimit, akLockout } = next;
  check(Number.isInteger(latencyMs) && latencyMs >= 0, 'latencyMs', latencyMs, 'an integer ≥ 0');
  check(typeof shuffle === 'boolean', 'shuffle', shuffle, 'a boolean');
  check(
    mixedUnknown === 'per-item' || mixedUnknown === 'http400',
    'mixedUnknown',
    mixedUnknown,
    "'per-item' or 'http400'",
  );
  check(progressStatus === 200 || progressStatus === 202, 'progressStatus', progressStatus, '200 or 202');
  check(duplicates === 'reject' || duplicates === 'dedupe', 'duplicates', duplicates, "'reject' or 'dedupe'");
  const rateOk = typeof releasedRate === 'number' && releasedRate >= 0 && releasedRate <= 1;
  check(rateOk, 'releasedRate', releasedRate, 'a number in [0, 1]');
  check(Number.isInteger(rateLimit) && rateLimit >= 0, 'rateLimit', rateLimit, 'an integer ≥ 0');
  check(typeof akLockout === 'boolean', 'akLockout', akLockout, 'a boolean');
  return next;
}
