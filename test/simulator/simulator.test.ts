import { beforeAll, describe, expect, it } from 'vitest';
import { isJobIdShape, type Simulator, unknownJobId } from '../../simulator/index.js';
import type { QueryJobResp } from '../../src/drs/types.js';
import { useV3Simulator } from '../support/simulator-v3-fixture.js';

/** v3 batch APIs: IDs and projects, paging over the IDs sent, batch-progress. */

const v3 = useV3Simulator();
const { detail, progress, struct } = v3;
let sim: Simulator;
let pid: string;
let ids: string[];
beforeAll(() => {
  ({ sim, pid, ids } = v3);
});

describe('job IDs and projects', () => {
  it('are DRS-shaped, lowercase, with a DRS suffix, and not hex UUIDs', () => {
    expect(ids).toHaveLength(1000);
    expect(new Set(ids).size).toBe(1000);
    for (const id of ids) {
      expect(isJobIdShape(id)).toBe(true);
      expect(id).toMatch(/jb(101|21|502|20r|15|201)$/);
    }
    expect(isJobIdShape(unknownJobId(1))).toBe(true);
    expect(sim.jobIds(pid, 5, 998)).toEqual(ids.slice(998));
  });

  it('seeds two 32-hex projects with distinct tokens and disjoint jobs', async () => {
    expect(sim.projects).toHaveLength(2);
    const [a, b] = sim.projects;
    expect(a?.projectId).toMatch(/^[0-9a-f]{32}$/);
    expect(b?.projectId).toMatch(/^[0-9a-f]{32}$/);
    expect(a?.token).not.toBe(b?.token);
    const other = sim.jobIds(b?.projectId ?? '', 1000);
    expect(other.filter((id) => ids.includes(id))).toEqual([]);
    const res = await detail({ jobs: [ids[0], other[0]] });
    expect(res.status).toBe(200);
    expect(res.json.results?.[1]).toMatchObject({ id: other[0], error_code: 'DRS.M00289' });
  });
});

describe('paging over the IDs sent', () => {
  it('answers only 5 jobs when page_req is absent (the default per_page trap)', async () => {
    const res = await detail({ jobs: ids.slice(0, 25) });
    expect(res.status).toBe(200);
    expect(res.json.count).toBe(25);
    expect(res.json.results?.map((r) => r.id)).toEqual(ids.slice(0, 5));
  });

  it('answers everything with per_page 0 and pages with cur_page', async () => {
    expect((await detail({ jobs: ids.slice(0, 25), page_req: { per_page: 0 } })).json.results).toHaveLength(25);
    const third = await detail({ jobs: ids.slice(0, 25), page_req: { cur_page: 3, per_page: 10 } });
    expect(third.json.results?.map((r) => r.id)).toEqual(ids.slice(20, 25));
    const second = await struct('table', { jobs: ids.slice(0, 25), page_req: { cur_page: 2 } });
    expect(second.json.results?.map((r) => r.job_id)).toEqual(ids.slice(5, 10));
  });

  it('rejects bad page values with DRS.M00210 / M00211 / M00202', async () => {
    const jobs = ids.slice(0, 25);
    const cases: [unknown, string, string][] = [
      [{ cur_page: 0 }, 'DRS.M00210', 'The value of Page is invalid, cur_page must be at least 1.'],
      [{ per_page: 101 }, 'DRS.M00210', 'The value of Page is invalid, per_page must be between 0 and 100.'],
      [{ per_page: -1 }, 'DRS.M00210', 'The value of Page is invalid, per_page must be between 0 and 100.'],
      [{ cur_page: 6 }, 'DRS.M00211', 'The value of Page exceeds the upper limit.'],
      [{ cur_page: 2, per_page: 0 }, 'DRS.M00211', 'The value of Page exceeds the upper limit.'],
      [{ cur_page: '1' }, 'DRS.M00202', 'The value of cur_page is invalid.'],
      [{ per_page: 1.5 }, 'DRS.M00202', 'The value of per_page is invalid.'],
      [[1], 'DRS.M00202', 'The value of page_req is invalid.'],
    ];
    for (const [pageReq, code, msg] of cases) {
      const res = await detail({ jobs, page_req: pageReq });
      expect(res.status, JSON.stringify(pageReq)).toBe(400);
      expect(res.json).toEqual({ error_code: code, error_msg: msg });
    }
    expect((await detail({ jobs, page_req: { cur_page: 5 } })).json.results).toHaveLength(5);
  });
});

describe('batch-progress', () => {
  it('answers 202 by default, 200 when configured, and never pages', async () => {
    const res = await progress({ jobs: ids.slice(0, 25), page_req: { per_page: 1 } });
    expect(res.status).toBe(202);
    expect(res.json.count).toBe(25);
    expect(res.json.results).toHaveLength(25);
    sim.configure({ progressStatus: 200 });
    expect((await progress({ jobs: ids.slice(0, 2) })).status).toBe(200);
    sim.configure({ progressStatus: 202 });
  });

  it('reports progress consistent with each job status', async () => {
    const res = await progress({ jobs: ids.slice(0, 300) });
    const details = ids.slice(0, 300).map((id) => sim.jobDetail(pid, id));
    for (const [i, p] of (res.json.results ?? []).entries()) {
      const job = details[i] as QueryJobResp;
      expect(p.job_id).toBe(job.id);
      expect(p.transfer_status).toBe(job.status);
      expect(p.task_mode).toBe(job.task_type);
      if (job.status === 'CONFIGURATION' || job.status === 'CREATING') {
        expect(p).toMatchObject({ progress: '0', incre_trans_delay: '-1', process_time: '0' });
      }
      if (job.status === 'FULL_TRANSFER_STARTED') {
        expect(Number(p.progress)).toBeGreaterThanOrEqual(1);
        expect(Number(p.progress)).toBeLessThanOrEqual(99);
        expect(p.incre_trans_delay).toBe('-1');
        expect(Object.keys(p.progress_map ?? {})).toEqual(['struct', 'data', 'index']);
        expect(p.progress_map?.data?.completed).toBe(`${p.progress}%`);
      }
      if (job.status === 'INCRE_TRANSFER_STARTED') {
        expect(p.progress).toBe('100');
        expect(Number(p.incre_trans_delay)).toBeGreaterThanOrEqual(0);
        expect(p.incre_trans_delay_millis).toMatch(/^\d+$/);
        expect(p.process_time).toBe(job.actual_start_time);
      }
    }
  });
});
