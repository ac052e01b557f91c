import { EPOCH_ANCHOR_MS, type JobCore } from './core.js';
import { type LivePlan, livePlan, liveReason } from './live-plan.js';
import { hash32 } from './rng.js';
import type { JobStatus, Phase } from './status.js';

/** Incremental delays are redrawn every 30 s of simulated time. */
const DELAY_BUCKET_MS = 30_000;

/**
 * A job as it is at one instant: the seeded (anchor) facts moved forward along the job's plan.
 * Every API derives its answer from this, so batch-detail, batch-progress, struct-detail,
 * progress-data and v5 async jobs always agree at a given clock reading.
 */
export interface LiveJob extends JobCore {
  /** The seeded state at the anchor: what static (never-changing) fields are generated from. */
  anchor: JobCore;
  /** Full-transfer percent 0–100 (100 once the full phase is over, 0 before any start). */
  percent: number;
  /** Incremental replication delay in ms; -1 before the incremental phase. */
  delayMs: number;
  msPerPercent: number;
  /** WAITING_FOR_START's scheduled start; 0 for other jobs. */
  scheduledStart: number;
  /** Set when the job failed after the anchor (seeded failures keep their seeded reason). */
  failedReason: string | undefined;
}

function anchorPercent(core: JobCore, plan: LivePlan): number {
  if (core.phase === 'pre') return 0;
  if (core.phase === 'full') return plan.p0;
  if (core.phase === 'ended' && !core.ran) return core.actualStartTime ? plan.p0 : 0;
  return 100;
}

function anchorDelay(core: JobCore, plan: LivePlan, at: number): number {
  if (core.phase !== 'incre') return -1;
  // A failed or paused replica stops applying, so its delay keeps growing.
  if (core.status === 'INCRE_TRANSFER_FAILED' || core.status === 'PAUSING')
    return plan.stuckDelayMs + (at - EPOCH_ANCHOR_MS);
  return bucketDelay(plan, at);
}

/** Near real time most of the time, with a lagging bucket now and then (always for laggy jobs). */
function bucketDelay(plan: LivePlan, at: number): number {
  const h = hash32(plan.key, Math.floor(at / DELAY_BUCKET_MS));
  const lagging = plan.laggy || h % 10 === 0;
  return lagging ? 30_000 + ((h >>> 4) % 870_000) : (h >>> 4) % 6000;
}

// The transitions below mutate the fresh object liveJob made: one fixed-shape literal per call
// instead of a spread per step keeps this cheap on the hot path (see bench/simulator.ts).

function moveTo(job: LiveJob, status: JobStatus, phase: Phase, at: number): LiveJob {
  job.status = status;
  job.phase = phase;
  job.updateTime = Math.max(job.updateTime, at);
  return job;
}

function failed(job: LiveJob, plan: LivePlan, status: JobStatus, phase: Phase, at: number): LiveJob {
  moveTo(job, status, phase, at);
  job.failedReason = liveReason(status, plan);
  return job;
}

function increRun(job: LiveJob, plan: LivePlan, from: number, at: number): LiveJob {
  if (from > EPOCH_ANCHOR_MS) moveTo(job, 'INCRE_TRANSFER_STARTED', 'incre', from);
  job.percent = 100;
  const failAt = plan.increFailAfter === undefined ? Number.POSITIVE_INFINITY : from + plan.increFailAfter;
  if (at < failAt) {
    job.delayMs = bucketDelay(plan, at);
    return job;
  }
  failed(job, plan, 'INCRE_TRANSFER_FAILED', 'incre', failAt);
  job.delayMs = bucketDelay(plan, failAt) + (at - failAt);
  return job;
}

function fullRun(job: LiveJob, plan: LivePlan, from: number, startPercent: number, at: number): LiveJob {
  const per = plan.msPerPercent;
  const doneAt = from + (100 - startPercent) * per;
  const failAt =
    plan.failAt !== undefined && plan.failAt > startPercent
      ? from + (plan.failAt - startPercent) * per
      : Number.POSITIVE_INFINITY;
  if (from > EPOCH_ANCHOR_MS) moveTo(job, 'FULL_TRANSFER_STARTED', 'full', from);
  if (at >= failAt && failAt < doneAt) {
    job.percent = plan.failAt ?? 0;
    return failed(job, plan, 'FULL_TRANSFER_FAILED', 'full', failAt);
  }
  if (at < doneAt) {
    job.percent = Math.min(99, startPercent + Math.floor((at - from) / per));
    return job;
  }
  job.percent = 100;
  job.fullCompleteTime = doneAt;
  if (job.taskType === 'FULL_TRANS') return moveTo(job, 'FULL_TRANSFER_COMPLETE', 'full-done', doneAt);
  return increRun(job, plan, doneAt, at);
}

/** A job leaving the queue: straight to replication for INCR_TRANS, else a full transfer from 0%. */
function startRun(job: LiveJob, plan: LivePlan, from: number, at: number): LiveJob {
  job.actualStartTime = job.actualStartTime || from;
  if (job.taskType === 'INCR_TRANS') return increRun(job, plan, from, at);
  return fullRun(job, plan, from, 0, at);
}

/** The job at simulated instant `now` (instants before the anchor read as the anchor). */
export function liveJob(core: JobCore, now: number): LiveJob {
  const plan = livePlan(core);
  const at = Math.max(now, EPOCH_ANCHOR_MS);
  const job: LiveJob = {
    ref: core.ref,
    status: core.status,
    phase: core.phase,
    ran: core.ran,
    taskType: core.taskType,
    dbUseType: core.dbUseType,
    scenario: core.scenario,
    region: core.region,
    createTime: core.createTime,
    actualStartTime: core.actualStartTime,
    fullCompleteTime: core.fullCompleteTime,
    updateTime: core.updateTime,
    anchor: core,
    percent: anchorPercent(core, plan),
    delayMs: anchorDelay(core, plan, at),
    msPerPercent: plan.msPerPercent,
    scheduledStart: core.status === 'WAITING_FOR_START' ? plan.scheduledStart : 0,
    failedReason: undefined,
  };
  const stepAt = EPOCH_ANCHOR_MS + plan.stepDelay;
  switch (core.status) {
    case 'CREATING':
      if (at < stepAt) return job;
      return plan.createFails
        ? failed(job, plan, 'CREATE_FAILED', 'pre', stepAt)
        : moveTo(job, 'CONFIGURATION', 'pre', stepAt);
    case 'STARTJOBING':
      return at < stepAt ? job : startRun(job, plan, stepAt, at);
    case 'WAITING_FOR_START':
      return at < plan.scheduledStart ? job : startRun(job, plan, plan.scheduledStart, at);
    case 'FULL_TRANSFER_STARTED':
      return fullRun(job, plan, EPOCH_ANCHOR_MS, plan.p0, at);
    case 'INCRE_TRANSFER_STARTED':
      return increRun(job, plan, EPOCH_ANCHOR_MS, at);
    default:
      return job;
  }
}
