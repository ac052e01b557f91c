import { expect } from 'vitest';
import type { Simulator } from '../../simulator/index.js';
import type {
  BatchListJobDetailsResponse,
  BatchListProgressesResponse,
  BatchListStructDetailResponse,
  QueryJobResp,
} from '../../src/drs/types.js';
import { call } from './simulator-helpers.js';

export type Snapshot = Awaited<ReturnType<typeof snapshot>>;

/** What batch-detail, batch-progress and batch-struct-detail (table) say about `jobs` right now. */
export async function snapshot(sim: Simulator, pid: string, jobs: string[]) {
  const body = { jobs, page_req: { per_page: 0 } };
  const detail = await call<BatchListJobDetailsResponse>(sim, `/v3/${pid}/jobs/batch-detail`, { body });
  const progress = await call<BatchListProgressesResponse>(sim, `/v3/${pid}/jobs/batch-progress`, { body: { jobs } });
  const struct = await call<BatchListStructDetailResponse>(sim, `/v3/${pid}/jobs/table/batch-struct-detail`, { body });
  return jobs.map((id, i) => ({
    id,
    job: detail.json.results?.[i] as QueryJobResp,
    progress: progress.json.results?.[i],
    objects: struct.json.results?.[i]?.struct_detail?.list ?? [],
  }));
}

/** Every API tells the same story about a job at one instant `now`. */
export function expectConsistent(rows: Snapshot, now: number) {
  for (const { job, progress, objects } of rows) {
    expect(progress?.transfer_status).toBe(job.status);
    expect(Number(job.update_time)).toBeLessThanOrEqual(now);
    expect(Number(job.full_transfer_complete_time)).toBeLessThanOrEqual(now);
    if (job.status === 'INCRE_TRANSFER_STARTED' || job.status === 'FULL_TRANSFER_COMPLETE') {
      for (const o of objects) expect(o.progress).toBe(100);
    }
    if (job.status === 'FULL_TRANSFER_STARTED') {
      const percent = Number(progress?.progress);
      expect(progress?.progress_map?.data?.completed).toBe(`${percent}%`);
      for (const o of objects) expect(o.progress).toBeLessThanOrEqual(Math.max(0, Math.floor(percent * 5)));
    }
  }
}
