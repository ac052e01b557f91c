import { EPOCH_ANCHOR_MS } from './data/core.js';

export type ClockMode = 'real' | 'manual';

/**
 * Simulated time. Seeded data describes the world at EPOCH_ANCHOR_MS; both modes start there,
 * so a seed plus a clock reading always gives the same bytes. `real` then follows the wall clock
 * (times `speed`), `manual` only moves when told to.
 */
export interface SimClock {
  readonly mode: ClockMode;
  /** Simulated epoch ms. */
  now(): number;
  /** Moves time forward by `ms` (≥ 0) and returns the new reading. */
  advance(ms: number): number;
  /** Jumps to `epochMs` (never before the anchor: the seeded past is not simulated). */
  set(epochMs: number): void;
}

function checkMs(name: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number of ms, got ${value}`);
}

export function createClock(mode: ClockMode, speed = 1): SimClock {
  if (mode !== 'real' && mode !== 'manual') throw new TypeError(`clock must be 'real' or 'manual', got ${mode}`);
  if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`clock speed must be > 0, got ${speed}`);
  // For `real`, an offset added by advance/set on top of the elapsed wall time.
  let base = EPOCH_ANCHOR_MS;
  const startedAt = performance.now();
  const now = (): number => (mode === 'manual' ? base : base + Math.floor((performance.now() - startedAt) * speed));
  return {
    mode,
    now,
    advance(ms) {
      checkMs('advance', ms);
      if (ms < 0) throw new RangeError(`the clock only moves forward, got advance(${ms})`);
      base += ms;
      return now();
    },
    set(epochMs) {
      checkMs('set', epochMs);
      if (epochMs < EPOCH_ANCHOR_MS)
        throw new RangeError(`clock cannot go before ${new Date(EPOCH_ANCHOR_MS).toISOString()}`);
      base += epochMs - now();
    },
  };
}
