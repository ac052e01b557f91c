import { beforeAll, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/index.js';
import { STRUCT_DETAIL_TYPES } from '../../src/drs/types.js';
import { call } from '../support/simulator-helpers.js';
import { useV3Simulator } from '../support/simulator-v3-fixture.js';

/** v3 batch APIs: request validation (DRS error bodies) and unknown routes. */

const v3 = useV3Simulator();
const { detail, progress, struct } = v3;
let sim: Simulator;
let pid: string;
let ids: string[];
beforeAll(() => {
  ({ sim, pid, ids } = v3);
});

describe('request validation', () => {
  it('rejects missing, empty or malformed jobs with exact DRS bodies', async () => {
    const empty = { error_code: 'DRS.M00201', error_msg: 'The jobs parameter is empty.' };
    const invalid = { error_code: 'DRS.M00202', error_msg: 'The value of jobs is invalid.' };
    const cases: [unknown, object][] = [
      [{}, empty],
      [{ jobs: [] }, empty],
      [{ jobs: null }, empty],
      [{ jobs: ids[0] }, invalid],
      [{ jobs: [42] }, invalid],
      [{ jobs: [ids[0], 'not-a-job-id'] }, invalid],
      [{ jobs: [(ids[0] ?? '').toUpperCase()] }, invalid],
      [[ids[0]], { error_code: 'DRS.M00202', error_msg: 'The value of body is invalid.' }],
      [{ jobs: [ids[0], ids[0]] }, { error_code: 'DRS.M00301', error_msg: 'There are duplicate jobs in request.' }],
    ];
    for (const [body, expected] of cases) {
      for (const res of [await detail(body), await progress(body), await struct('table', body)]) {
        expect(res.status, JSON.stringify(body)).toBe(400);
        expect(res.json).toEqual(expected);
      }
    }
    const broken = await call(sim, `/v3/${pid}/jobs/batch-detail`, { raw: '{"jobs": [' });
    expect(broken.status).toBe(400);
    expect(broken.json).toEqual({ error_code: 'DRS.M00202', error_msg: 'The value of body is invalid.' });
  });

  it("answers duplicates once under duplicates: 'dedupe'", async () => {
    sim.configure({ duplicates: 'dedupe' });
    const res = await detail({ jobs: [ids[0], ids[1], ids[0]] });
    sim.configure({ duplicates: 'reject' });
    expect(res.status).toBe(200);
    expect(res.json.count).toBe(2);
    expect(res.json.results?.map((r) => r.id)).toEqual([ids[0], ids[1]]);
  });

  it('checks the struct-detail {type} and serves every documented type', async () => {
    const bad = await struct('tables', { jobs: [ids[0]] });
    expect(bad.status).toBe(400);
    expect(bad.json).toEqual({ error_code: 'DRS.M00202', error_msg: 'The value of type is invalid.' });
    for (const type of STRUCT_DETAIL_TYPES) {
      const res = await struct(type, { jobs: ids.slice(0, 5) });
      expect(res.status, type).toBe(200);
      for (const r of res.json.results ?? []) {
        const sd = r.struct_detail;
        expect(sd?.total_record).toBe(sd?.list?.length);
        expect(sd?.create_time).toMatch(/^\d{13}$/);
        for (const item of sd?.list ?? []) {
          expect(Number.isInteger(item.progress)).toBe(true);
          expect(Object.keys(item)).toEqual(['progress', 'src_DB', 'src_TB', 'dst_DB', 'dst_TB']);
        }
      }
    }
  });

  it('answers APIGW.0101 for unknown paths and wrong methods', async () => {
    for (const [path, method] of [
      [`/v3/${pid}/jobs/batch-detail`, 'GET'],
      [`/v3/${pid}/jobs/batch-detail/`, 'POST'],
      [`/v3/${pid}/jobs/batch-rpo-and-rto`, 'POST'],
      ['/', 'POST'],
    ] as const) {
      const res = await call<Record<string, string>>(sim, path, { method, body: { jobs: [ids[0]] } });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.json).toEqual({
        error_code: 'APIGW.0101',
        error_msg: 'The API does not exist or has not been published in the environment',
        request_id: res.requestId,
      });
    }
  });

  it('accepts X-Language', async () => {
    const res = await detail({ jobs: [ids[0]] }, { headers: { 'X-Language': 'zh-cn' } });
    expect(res.status).toBe(200);
  });
});
