import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, unknownJobId } from '../../simulator/index.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { type Answer, call, get } from '../support/simulator-helpers.js';
import { type ResponseCheck, responseChecker } from '../support/simulator-helpers-openapi.js';

const LIST = '/v3/{project_id}/jobs';
const STATUS = '/v3/{project_id}/jobs/batch-status';
const LOG = '/v5/{project_id}/jobs/{job_id}';
let sim: Simulator;
let pid: string;
let check: ResponseCheck;
const problems: string[] = [];

/** Every answer of these tests is also checked against the served OpenAPI document. */
function conforming(template: string, method: string, a: Answer): Answer {
  problems.push(...check(template, method, a.status, a.json));
  return a;
}
const list = async (body: unknown) => conforming(LIST, 'POST', await call(sim, `/v3/${pid}/jobs`, { body }));
const statuses = async (body: unknown) =>
  conforming(STATUS, 'POST', await call(sim, `/v3/${pid}/jobs/batch-status`, { body }));
const log = async (id: string, query: string) =>
  conforming(LOG, 'GET', await get(sim, `/v5/${pid}/jobs/${id}?${query}`));
const drsError = (code: string) => expect.objectContaining({ error_code: code });

// 300 jobs, 10% released: listing must leave out exactly the jobs batch-detail cannot serve.
const started = useSimulator({ seed: 5, jobs: 300, clock: 'manual', releasedRate: 0.1 });
beforeAll(async () => {
  ({ sim, pid } = started);
  check = responseChecker((await (await fetch(`${sim.url}/openapi.json`)).json()) as Record<string, unknown>);
});
afterAll(async () => {
  expect(problems).toEqual([]);
});

describe('POST /v3/{project_id}/jobs (tenant job list)', () => {
  it('lists exactly the jobs batch-detail knows, one scenario per call, newest first', async () => {
    const known = sim.jobIds(pid, 300).filter((id) => !sim.jobDetail(pid, id).error_code);
    expect(known.length).toBeGreaterThan(240);
    expect(known.length).toBeLessThan(300);
    const listed: string[] = [];
    for (const db_use_type of ['migration', 'sync', 'cloudDataGuard']) {
      const a = await list({ db_use_type, engine_type: '', cur_page: 0, per_page: 10 });
      expect(a.status).toBe(200);
      expect(a.json.total_record).toBe(a.json.jobs.length);
      for (const row of a.json.jobs) {
        const detail = sim.jobDetail(pid, row.id);
        expect(detail.error_code).toBeUndefined();
        expect([row.db_use_type, row.status, row.name, row.net_type]).toEqual([
          db_use_type,
          detail.status,
          detail.name,
          detail.net_type,
        ]);
        expect(row.engine_type).toBe(detail.inst_info?.engine_type);
      }
      const times = a.json.jobs.map((r: { create_time: string }) => r.create_time);
      expect(times).toEqual([...times].sort().reverse());
      listed.push(...a.json.jobs.map((r: { id: string }) => r.id));
    }
    expect(listed.sort()).toEqual([...known].sort());
  });

  it('pages with cur_page/per_page (default 10, at most 100; a page past the end is empty)', async () => {
    const all = (await list({ db_use_type: 'sync', engine_type: '', cur_page: 0 })).json.jobs;
    const first = await list({ db_use_type: 'sync', engine_type: '' });
    expect(first.json.jobs).toEqual(all.slice(0, 10));
    const third = await list({ db_use_type: 'sync', engine_type: '', cur_page: 3, per_page: 7 });
    expect(third.json.jobs).toEqual(all.slice(14, 21));
    expect(third.json.total_record).toBe(all.length);
    const past = await list({ db_use_type: 'sync', engine_type: '', cur_page: 99, per_page: 100 });
    expect(past.json).toEqual({ total_record: all.length, jobs: [] });
  });

  it('filters by engine (absent = mysql, "" = all), status, network, name or ids, enterprise project', async () => {
    const all = (await list({ db_use_type: 'migration', engine_type: '', cur_page: 0 })).json.jobs as any[];
    const only = async (extra: object) =>
      (await list({ db_use_type: 'migration', cur_page: 0, engine_type: '', ...extra })).json.jobs as any[];
    const bare = (await list({ db_use_type: 'migration', cur_page: 0 })).json.jobs as any[];
    expect(bare).toEqual(all.filter((r) => r.engine_type === 'mysql'));
    expect(await only({ engine_type: 'mongodb' })).toEqual(all.filter((r) => r.engine_type === 'mongodb'));
    const status = all[0].status;
    expect(await only({ status })).toEqual(all.filter((r) => r.status === status));
    expect(await only({ net_type: 'eip' })).toEqual(all.filter((r) => r.net_type === 'eip'));
    const part = all[3].name.slice(0, 7).toLowerCase();
    expect(await only({ name: part })).toEqual(all.filter((r) => r.name.toLowerCase().includes(part)));
    expect(await only({ name: all[4].id })).toEqual([all[4]]);
    expect(await only({ name: `${all[5].id},${all[1].id}` })).toEqual([all[1], all[5]]);
    const eps = sim.enterpriseProjectOf(pid, all[2].id)!;
    const inEps = await only({ enterprise_project_id: eps });
    expect(inEps.length).toBeGreaterThan(0);
    for (const row of inEps) expect(sim.enterpriseProjectOf(pid, row.id)).toBe(eps);
    expect(inEps.length).toBeLessThan(all.length);
  });

  it('answers the documented errors: db_use_type required, bad values and pages', async () => {
    expect((await list({ cur_page: 1, per_page: 10 })).json).toEqual(drsError('DRS.M00201'));
    expect((await list({ db_use_type: '' })).json).toEqual(drsError('DRS.M00201'));
    const cases: [object, number, string][] = [
      [{ db_use_type: 'backup' }, 400, 'DRS.M00202'],
      [{ db_use_type: 'sync', engine_type: 'oracle' }, 400, 'DRS.M00202'],
      [{ db_use_type: 'sync', status: 'RUNNING' }, 400, 'DRS.M00202'],
      [{ db_use_type: 'sync', per_page: '10' }, 400, 'DRS.M00202'],
      [{ db_use_type: 'sync', per_page: 101 }, 400, 'DRS.M00210'],
      [{ db_use_type: 'sync', cur_page: -1 }, 400, 'DRS.M00210'],
      [{ db_use_type: 'sync', enterprise_project_id: '' }, 400, 'DRS.M00202'],
    ];
    for (const [body, status, code] of cases) {
      const a = await list(body);
      expect([a.status, a.json.error_code], JSON.stringify(body)).toEqual([status, code]);
    }
    expect(sim.calls.filter((c) => c.api === 'job-list').at(-1)?.listReq).toEqual(cases.at(-1)![0]);
  });
});

describe('POST /v3/{project_id}/jobs/batch-status', () => {
  it('answers {id, status} as batch-detail’s status, per-item errors for unknown ids, paged as batch-detail', async () => {
    const ids = sim.jobIds(pid, 40);
    const a = await statuses({ jobs: ids, page_req: { cur_page: 1, per_page: 0 } });
    expect(a.json.count).toBe(40);
    for (const row of a.json.results) {
      const detail = sim.jobDetail(pid, row.id);
      if (detail.error_code)
        expect(row).toEqual({ id: row.id, error_code: detail.error_code, error_message: expect.any(String) });
      else expect(row).toEqual({ id: detail.id, status: detail.status });
    }
    expect((await statuses({ jobs: ids })).json.results).toHaveLength(5);
    const unknown = await statuses({ jobs: [unknownJobId(1)] });
    expect([unknown.status, unknown.json.results[0].error_code]).toEqual([400, 'DRS.M00289']);
    expect((await statuses({})).json).toEqual(drsError('DRS.M00201'));
  });
});

describe('GET /v5/{project_id}/jobs/{job_id}?type=log', () => {
  it('pages a job’s log with offset/limit, total_count the whole log, stable while the clock stands', async () => {
    const id = sim.jobIds(pid, 30).find((j) => sim.jobDetail(pid, j).status === 'INCRE_TRANSFER_STARTED')!;
    const whole = (await log(id, 'type=log&limit=1000')).json.job;
    expect(whole.total_count).toBe(whole.logs.length);
    expect(whole.total_count).toBeGreaterThan(3);
    const paged = [];
    for (let offset = 0; offset < whole.total_count; offset += 3) {
      paged.push(...(await log(id, `type=log&offset=${offset}&limit=3`)).json.job.logs);
    }
    expect(paged).toEqual(whole.logs);
    expect((await log(id, 'type=log')).json.job.logs).toHaveLength(Math.min(10, whole.total_count));
    expect(sim.jobLogs(pid, id, { limit: 1000 })).toEqual((await log(id, 'type=log&limit=1000')).json);
  });

  it('requires type, simulates only log, and answers DRS.10000010 for a job it does not know', async () => {
    const [id] = sim.jobIds(pid, 1);
    expect((await log(id!, '')).json).toEqual(drsError('DRS.M00201'));
    expect((await log(id!, 'type=detail')).json).toEqual(drsError('DRS.M00202'));
    expect((await log(id!, 'type=log&limit=0')).json).toEqual(drsError('DRS.M00210'));
    const unknown = await log(unknownJobId(2), 'type=log');
    expect([unknown.status, unknown.json.error_code]).toEqual([400, 'DRS.10000010']);
  });
});
