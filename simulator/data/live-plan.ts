import { EPOCH_ANCHOR_MS, type JobCore } from './core.js';
import { createRng } from './rng.js';
import { failureReasons, type JobStatus } from './status.js';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * What a job will do after the anchor. Drawn from its own stream in a fixed order whatever the
 * job's status, so adding a field here never changes another job's data.
 */
export interface LivePlan {
  /** Full-transfer percent at the anchor for jobs caught mid-transfer. */
  p0: number;
  /** Full-transfer speed: 2 s to 90 s per percent, so some jobs finish within minutes. */
  msPerPercent: number;
  /** Percent at which the full transfer fails, or undefined for a job that completes. */
  failAt: number | undefined;
  /** How long incremental replication runs before it fails, or undefined for never. */
  increFailAfter: number | undefined;
  /** CREATING / STARTJOBING: time until the next state. */
  stepDelay: number;
  createFails: boolean;
  /** WAITING_FOR_START: the scheduled start (inst_info.start_time). */
  scheduledStart: number;
  /** Incremental delay a job had already built up when it failed or paused before the anchor. */
  stuckDelayMs: number;
  /** A replica that is always behind (tens of seconds to minutes) rather than near real time. */
  laggy: boolean;
  /** Key for the per-bucket delay hash. */
  key: number;
  reasonRoll: number;
}

const plans = new WeakMap<JobCore, LivePlan>();

/** The plan of a job, drawn once per (memoised) core. */
export function livePlan(core: JobCore): LivePlan {
  let plan = plans.get(core);
  if (!plan) {
    plan = drawPlan(core);
    plans.set(core, plan);
  }
  return plan;
}

function drawPlan(core: JobCore): LivePlan {
  const rng = createRng('live', core.ref.seed, core.ref.projectId, core.ref.index);
  const p0 = rng.int(1, 99);
  const plan: LivePlan = {
    p0,
    msPerPercent: rng.int(2, 90) * SECOND,
    failAt: rng.chance(0.12) && p0 < 99 ? rng.int(p0 + 1, 99) : undefined,
    increFailAfter: rng.chance(0.06) ? rng.int(10 * MINUTE, 12 * HOUR) : undefined,
    stepDelay: rng.int(30 * SECOND, 10 * MINUTE),
    createFails: rng.chance(0.1),
    scheduledStart: EPOCH_ANCHOR_MS + rng.int(1, 7 * 24) * HOUR,
    stuckDelayMs: rng.int(600, 86_400) * SECOND + rng.int(0, 999),
    laggy: rng.chance(0.1),
    key: rng.int(0, 2 ** 31 - 1),
    reasonRoll: rng.next(),
  };
  return plan;
}

/** The failure reason a job that fails live reports (stable for the job). */
export function liveReason(status: JobStatus, plan: LivePlan): string | undefined {
  const reasons = failureReasons(status);
  return reasons?.[Math.floor(plan.reasonRoll * reasons.length)];
}
