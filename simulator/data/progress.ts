import type { ProgressInfo, QueryProgressResp } from '../../src/drs/types.js';
import { epochString } from './core.js';
import type { LiveJob } from './live.js';
import { createRng } from './rng.js';

/** A phase part: "NN%" with a remaining time in seconds, or null once it is complete. */
function part(percent: number, remainingSeconds: number): ProgressInfo {
  return { completed: `${percent}%`, remaining_time: percent >= 100 ? null : String(Math.max(1, remainingSeconds)) };
}

/**
 * The phases of a running full transfer: structure first (done past 10%), data tracking the
 * overall percent, indexes in the last tenth. Derived from the percent alone, so they move with it.
 */
function fullMap(overall: number, msPerPercent: number): Record<string, ProgressInfo> {
  const perPercent = Math.round(msPerPercent / 1000);
  const struct = Math.min(100, overall * 10);
  const index = overall > 90 ? (overall - 90) * 10 : 0;
  return {
    struct: part(struct, (10 - overall) * perPercent),
    data: part(overall, (100 - overall) * perPercent),
    index: part(index, (100 - overall) * perPercent + 60),
  };
}

const DONE_MAP = () => ({ struct: part(100, 0), data: part(100, 0), index: part(100, 0) });

/** batch-progress object of a job at one instant, consistent with its status and task type. */
export function buildProgress(job: LiveJob): QueryProgressResp {
  // Seeded per job, drawn only by the two phases below (hashing a seed costs more than the rest).
  const rng = () => createRng('progress', job.ref.seed, job.ref.projectId, job.ref.index);
  const base: QueryProgressResp = { job_id: job.ref.id, progress: '0', incre_trans_delay: '-1' };
  const tail = { task_mode: job.taskType, transfer_status: job.status };
  const started = epochString(job.actualStartTime);
  switch (job.phase) {
    case 'pre':
      return { ...base, ...tail, process_time: '0', remaining_time: '0' };
    case 'full': {
      const overall = job.percent;
      const remaining = String(Math.round(((100 - overall) * job.msPerPercent) / 1000));
      const map = fullMap(overall, job.msPerPercent);
      return {
        ...base,
        progress: String(overall),
        ...tail,
        process_time: started,
        remaining_time: remaining,
        progress_map: map,
      };
    }
    case 'full-done':
      // One seeded job in three copies the published example's quirk: progress "0" and an
      // unfinished struct part. Jobs that complete live always report 100.
      if (job.anchor.phase === 'full-done') {
        const seeded = rng();
        if (seeded.chance(1 / 3)) {
          const map = { ...DONE_MAP(), struct: { completed: `${seeded.int(90, 99)}%`, remaining_time: null } };
          return { ...base, ...tail, process_time: '0', remaining_time: '0', progress_map: map };
        }
      }
      return {
        ...base,
        progress: '100',
        ...tail,
        process_time: started,
        remaining_time: '0',
        progress_map: DONE_MAP(),
      };
    case 'incre': {
      const delay = Math.max(0, job.delayMs);
      const result: QueryProgressResp = {
        ...base,
        progress: '100',
        incre_trans_delay: String(Math.floor(delay / 1000)),
        incre_trans_delay_millis: String(delay),
        ...tail,
        process_time: started,
        remaining_time: '0',
      };
      if (job.taskType === 'FULL_INCR_TRANS' && rng().chance(0.5)) result.progress_map = DONE_MAP();
      return result;
    }
    case 'ended':
      return {
        ...base,
        progress: String(job.percent),
        ...tail,
        process_time: job.actualStartTime ? started : '0',
        remaining_time: '0',
      };
  }
}
