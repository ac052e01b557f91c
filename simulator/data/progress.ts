import type { ProgressInfo, QueryProgressResp } from '../../src/drs/types.js';
import { createRng, type Rng } from '../rng.js';
import { epochString, type JobCore } from './core.js';

/** A phase part: "NN%" with a remaining time in seconds, or null once it is complete. */
function part(percent: number, rng: Rng): ProgressInfo {
  return { completed: `${percent}%`, remaining_time: percent >= 100 ? null : String(rng.int(5, 3600)) };
}

function fullMap(overall: number, rng: Rng): Record<string, ProgressInfo> {
  const struct = overall > 10 ? 100 : rng.int(overall, 100);
  const index = overall > 90 ? rng.int(0, 100) : 0;
  return { struct: part(struct, rng), data: part(overall, rng), index: part(index, rng) };
}

const DONE_MAP = (rng: Rng) => ({ struct: part(100, rng), data: part(100, rng), index: part(100, rng) });

/** batch-progress object of a seeded job, consistent with its status, task type and start time. */
export function buildProgress(core: JobCore): QueryProgressResp {
  const rng = createRng('progress', core.ref.seed, core.ref.projectId, core.ref.index);
  const base: QueryProgressResp = { job_id: core.ref.id, progress: '0', incre_trans_delay: '-1' };
  const tail = { task_mode: core.taskType, transfer_status: core.status };
  const started = epochString(core.actualStartTime);
  switch (core.phase) {
    case 'pre':
      return { ...base, ...tail, process_time: '0', remaining_time: '0' };
    case 'full': {
      const overall = rng.int(1, 99);
      const remaining = String((100 - overall) * rng.int(10, 120));
      const map = fullMap(overall, rng);
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
      // One in three copies the published example's quirk: progress "0" and an unfinished struct part.
      if (rng.chance(1 / 3)) {
        const map = { ...DONE_MAP(rng), struct: { completed: `${rng.int(90, 99)}%`, remaining_time: null } };
        return { ...base, ...tail, process_time: '0', remaining_time: '0', progress_map: map };
      }
      return {
        ...base,
        progress: '100',
        ...tail,
        process_time: started,
        remaining_time: '0',
        progress_map: DONE_MAP(rng),
      };
    case 'incre': {
      const failed = core.status === 'INCRE_TRANSFER_FAILED';
      const lagging = failed || rng.chance(0.1);
      const delay = failed ? rng.int(600, 86_400) : lagging ? rng.int(30, 900) : rng.int(0, 5);
      const result: QueryProgressResp = {
        ...base,
        progress: '100',
        incre_trans_delay: String(delay),
        incre_trans_delay_millis: String(delay * 1000 + rng.int(0, 999)),
        ...tail,
        process_time: started,
        remaining_time: '0',
      };
      if (core.taskType === 'FULL_INCR_TRANS' && rng.chance(0.5)) result.progress_map = DONE_MAP(rng);
      return result;
    }
    case 'ended':
      return {
        ...base,
        progress: core.ran ? '100' : '0',
        ...tail,
        process_time: core.actualStartTime ? started : '0',
        remaining_time: '0',
      };
  }
}
