import { beforeAll, describe, expect, it } from 'vitest';
import {
  PROGRESS_DATA_TYPES,
  type ShowProgressDataResponse,
  type Simulator,
  unknownJobId,
} from '../../simulator/index.js';
import type { BatchListStructDetailResponse } from '../../src/drs/types.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { call, get } from '../support/simulator-helpers.js';

let sim: Simulator;
let pid: string;
let ids: string[];
const flow = (jobId: string, type: string, query = '') =>
  get<ShowProgressDataResponse>(sim, `/v5/${pid}/jobs/${jobId}/progress-data/${type}${query}`);

const started = useSimulator({ seed: 5, clock: 'manual', releasedRate: 0 }, 1000);
beforeAll(() => {
  ({ sim, pid, ids } = started);
});

/** A seeded job with at least `rows` table rows. */
function bigJob(rows: number): string {
  const id = ids.find((j) => (sim.progressData(pid, j, 'table')?.count ?? 0) >= rows);
  if (!id) throw new Error(`no job with ${rows} table rows`);
  return id;
}

describe('progress-data', () => {
  it('pages 10 rows by default and reports the total as count', async () => {
    const id = bigJob(30);
    const res = await flow(id, 'table');
    expect(res.status).toBe(200);
    expect(res.json.flow_compare_data).toHaveLength(10);
    expect(res.json.count).toBeGreaterThanOrEqual(30);
    expect(res.json.create_time).toMatch(/^\d{13}$/);
    expect(res.json).toEqual(sim.progressData(pid, id, 'table'));
    for (const row of res.json.flow_compare_data) {
      expect(Object.keys(row)).toEqual(['src_db', 'src_tb', 'dst_db', 'dst_tb', 'progress']);
      expect(row.progress).toBeGreaterThanOrEqual(0);
      expect(row.progress).toBeLessThanOrEqual(100);
    }
  });

  it('goes through 2,500+ rows with limit 1000 until an empty page, as Terraform does', async () => {
    const id = bigJob(2500);
    const rows: unknown[] = [];
    let count = -1;
    for (let offset = 0; ; offset += 1000) {
      const res = await flow(id, 'table', `?offset=${offset}&limit=1000`);
      expect(res.status).toBe(200);
      count = res.json.count;
      if (res.json.flow_compare_data.length === 0) break;
      rows.push(...res.json.flow_compare_data);
    }
    expect(count).toBeGreaterThanOrEqual(2500);
    expect(rows).toHaveLength(count);
    const names = rows.map((r) => JSON.stringify([(r as any).src_db, (r as any).src_tb]));
    expect(new Set(names).size).toBe(count);
    const mid = await flow(id, 'table', '?offset=1234&limit=3');
    expect(mid.json.flow_compare_data).toEqual(rows.slice(1234, 1237));
  });

  it('lists the same objects as batch-struct-detail, in lower-case keys', async () => {
    for (const id of ids.slice(0, 20)) {
      const struct = await call<BatchListStructDetailResponse>(sim, `/v3/${pid}/jobs/view/batch-struct-detail`, {
        body: { jobs: [id] },
      });
      const list = struct.json.results?.[0]?.struct_detail?.list ?? [];
      const res = await flow(id, 'view', '?limit=1000');
      expect(res.json.count).toBe(list.length);
      expect(res.json.flow_compare_data).toEqual(
        list.map((o) => ({
          src_db: o.src_DB,
          src_tb: o.src_TB,
          dst_db: o.dst_DB,
          dst_tb: o.dst_TB,
          progress: o.progress,
        })),
      );
    }
  });

  it('serves every documented type, including event and function', async () => {
    for (const type of PROGRESS_DATA_TYPES) expect((await flow(ids[0] ?? '', type)).status, type).toBe(200);
  });

  it('validates type, offset and limit with DRS bodies before looking the job up', async () => {
    const invalid = (name: string) => ({ error_code: 'DRS.M00202', error_msg: `The value of ${name} is invalid.` });
    const page = (detail: string) => ({
      error_code: 'DRS.M00210',
      error_msg: `The value of Page is invalid, ${detail}`,
    });
    const limits = page('limit must be between 1 and 1000.');
    const cases: [string, string, object][] = [
      ['tables', '', invalid('type')],
      ['schema', '', invalid('type')],
      ['table', '?limit=0', limits],
      ['table', '?limit=1001', limits],
      ['table', '?limit=abc', invalid('limit')],
      ['table', '?limit=1.5', invalid('limit')],
      ['table', '?offset=-1', page('offset must be at least 0.')],
      ['table', '?offset=99999999999', invalid('offset')],
    ];
    for (const [type, query, body] of cases) {
      const res = await flow(unknownJobId(1), type, query);
      expect(res.status, `${type}${query}`).toBe(400);
      expect(res.json, `${type}${query}`).toEqual(body);
    }
    // An empty value binds to the default, as on a Java backend; unknown parameters are ignored.
    const blank = await flow(ids[0] ?? '', 'table', '?limit=&offset=&foo=1');
    expect(blank.status).toBe(200);
    expect(blank.json.flow_compare_data.length).toBeLessThanOrEqual(10);
  });

  it('answers DRS.M05003 for unknown, malformed and other-project jobs, DRS.M05004 for released ones', async () => {
    const notFound = { error_code: 'DRS.M05003', error_msg: 'Task information not found.' };
    const other = sim.jobIds(sim.projects[1]?.projectId ?? '', 1)[0] ?? '';
    for (const id of [unknownJobId(2), 'not-a-job', other]) {
      const res = await flow(id, 'table');
      expect(res.status, id).toBe(400);
      expect(res.json, id).toEqual(notFound);
    }
    sim.configure({ releasedRate: 1 });
    const released = await flow(ids[0] ?? '', 'table');
    sim.configure({ releasedRate: 0 });
    expect(released.json).toEqual({
      error_code: 'DRS.M05004',
      error_msg: 'The task has been deleted or the resource has been released.',
    });
  });

  it('is a GET route only', async () => {
    const res = await call(sim, `/v5/${pid}/jobs/${ids[0]}/progress-data/table`, { body: {} });
    expect(res.status).toBe(404);
    expect(res.json.error_code).toBe('APIGW.0101');
  });
});
