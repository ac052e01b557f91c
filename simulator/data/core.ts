import { REGIONS } from './pools.js';
import { createRng } from './rng.js';
import { type DbUseType, SCENARIO_WEIGHTS, type Scenario, scenarioNamed } from './scenarios.js';
import { type JobStatus, type Phase, phaseOf, STATUS_WEIGHTS } from './status.js';

/** A seeded job's address: enough to regenerate everything about it. */
export interface JobRef {
  seed: number;
  projectId: string;
  index: number;
  id: string;
  /** ID of another job of the same project (for parent / master links). */
  idAt(index: number): string;
}

export type TaskType = 'FULL_TRANS' | 'INCR_TRANS' | 'FULL_INCR_TRANS';

/** The facts every API must agree on; detail, progress and struct-detail all derive from these. */
export interface JobCore {
  ref: JobRef;
  status: JobStatus;
  phase: Phase;
  /** Whether an ended job had got as far as replicating before it stopped. */
  ran: boolean;
  taskType: TaskType;
  dbUseType: DbUseType;
  scenario: Scenario;
  region: string;
  /** Epoch ms; 0 where DRS would send its "0" sentinel. */
  createTime: number;
  actualStartTime: number;
  fullCompleteTime: number;
  updateTime: number;
}

/** Data is anchored to a fixed instant, not the clock, so a seed always gives the same bytes. */
export const EPOCH_ANCHOR_MS = Date.UTC(2026, 0, 15, 8, 0, 0);

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function pickTaskType(phase: Phase, dbUseType: DbUseType, roll: number): TaskType {
  if (dbUseType === 'cloudDataGuard') return 'FULL_INCR_TRANS';
  if (phase === 'full' || phase === 'full-done') return roll < 0.25 ? 'FULL_TRANS' : 'FULL_INCR_TRANS';
  if (phase === 'incre') return roll < 0.15 ? 'INCR_TRANS' : 'FULL_INCR_TRANS';
  return roll < 0.15 ? 'FULL_TRANS' : roll < 0.25 ? 'INCR_TRANS' : 'FULL_INCR_TRANS';
}

export function jobCore(ref: JobRef): JobCore {
  const rng = createRng('core', ref.seed, ref.projectId, ref.index);
  const status = rng.weighted(STATUS_WEIGHTS);
  const phase = phaseOf(status, rng.chance(0.5) ? 'full' : 'incre');
  const scenario = scenarioNamed(rng.weighted(SCENARIO_WEIGHTS));
  const dbUseType = rng.pick(scenario.useTypes);
  const taskType = pickTaskType(phase, dbUseType, rng.next());
  const ran = phase === 'ended' && rng.chance(0.7);

  // Started jobs are at least 6 days old so their later timestamps stay before the anchor.
  const minAgeMinutes = phase === 'pre' ? 60 : 6 * 24 * 60;
  const createTime = EPOCH_ANCHOR_MS - rng.int(minAgeMinutes, 540 * 24 * 60) * MINUTE;
  const started = phase !== 'pre' || status === 'STARTJOBING' ? ran || phase !== 'ended' || rng.chance(0.3) : false;
  const actualStartTime = started ? Math.min(EPOCH_ANCHOR_MS - MINUTE, createTime + rng.int(2 * MINUTE, 3 * DAY)) : 0;
  const fullDone = phase === 'full-done' || phase === 'incre' || ran;
  const fullCompleteTime =
    started && fullDone && taskType !== 'INCR_TRANS' ? actualStartTime + rng.int(5 * MINUTE, 2 * DAY) : 0;
  const latest = Math.max(createTime, actualStartTime, fullCompleteTime);
  const updateTime = Math.min(EPOCH_ANCHOR_MS, latest + rng.int(MINUTE, 10 * DAY));

  return {
    ref,
    status,
    phase,
    ran,
    taskType,
    dbUseType,
    scenario,
    region: rng.pick(REGIONS),
    createTime,
    actualStartTime,
    fullCompleteTime,
    updateTime,
  };
}

/**
 * DRS sends epoch-ms timestamps as strings and "0" when a moment has not happened. Printed as
 * two small integers: V8 turns those into text several times faster than one 13-digit double,
 * and this runs for every timestamp of every job served.
 */
export function epochString(ms: number): string {
  if (!Number.isSafeInteger(ms) || ms < 1e9) return String(ms);
  const hi = Math.floor(ms / 1e7);
  return `${hi}${String(ms - hi * 1e7).padStart(7, '0')}`;
}
