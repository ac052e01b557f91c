import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCli } from '../simulator/cli-options.js';
import {
  isJobIdShape,
  jobEndpoints,
  SECRET_MARKER,
  type Simulator,
  startSimulator,
  unknownJobId,
} from '../simulator/index.js';
import type {
  BatchListJobDetailsResponse,
  BatchListProgressesResponse,
  BatchListStructDetailResponse,
  QueryJobResp,
} from '../src/drs/types.js';

interface Answer<T = unknown> {
  status: number;
  requestId: string | null;
  text: string;
  json: T;
}

interface CallInit {
  body?: unknown;
  raw?: string;
  token?: string | null;
  method?: string;
  headers?: Record<string, string>;
}

async function call<T = unknown>(sim: Simulator, path: string, init: CallInit = {}): Promise<Answer<T>> {
  const [project] = sim.projects;
  const token = init.token === undefined ? project?.token : init.token;
  const headers: Record<string, string> = { 'Content-Type': 'application/json', ...init.headers };
  if (token !== null && token !== undefined) headers['X-Auth-Token'] = token;
  const method = init.method ?? 'POST';
  const body = method === 'GET' ? undefined : (init.raw ?? JSON.stringify(init.body ?? {}));
  const res = await fetch(`${sim.url}${path}`, { method, headers, body });
  const text = await res.text();
  return { status: res.status, requestId: res.headers.get('x-request-id'), text, json: JSON.parse(text) as T };
}

const STRUCT_TYPES = [
  'database',
  'schema',
  'table',
  'view',
  'procedure',
  'trigger',
  'index',
  'table_indexs',
  'table_structure',
];

let sim: Simulator;
let pid: string;
let ids: string[];
const detail = (body: unknown, init: CallInit = {}) =>
  call<BatchListJobDetailsResponse>(sim, `/v3/${pid}/jobs/batch-detail`, { ...init, body });
const progress = (body: unknown, init: CallInit = {}) =>
  call<BatchListProgressesResponse>(sim, `/v3/${pid}/jobs/batch-progress`, { ...init, body });
const struct = (type: string, body: unknown, init: CallInit = {}) =>
  call<BatchListStructDetailResponse>(sim, `/v3/${pid}/jobs/${type}/batch-struct-detail`, { ...init, body });

beforeAll(async () => {
  sim = await startSimulator({ seed: 7, releasedRate: 0 });
  pid = sim.projects[0]?.projectId ?? '';
  ids = sim.jobIds(pid, 1000);
});

afterAll(async () => {
  await sim.close();
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

describe('per-item errors', () => {
  it('name their fields differently per API and keep 200/202 for a mixed batch', async () => {
    const jobs = [ids[0], unknownJobId(1)];
    const d = await detail({ jobs });
    expect(d.status).toBe(200);
    expect(d.json.results?.[1]).toEqual({
      id: unknownJobId(1),
      error_code: 'DRS.M00289',
      error_message: expect.any(String),
    });
    const p = await progress({ jobs });
    expect(p.status).toBe(202);
    expect(p.json.results?.[1]).toEqual({
      job_id: unknownJobId(1),
      error_code: 'DRS.M00289',
      error_msg: expect.any(String),
    });
    const s = await struct('view', { jobs });
    expect(s.status).toBe(200);
    expect(s.json.results?.[1]).toEqual({
      job_id: unknownJobId(1),
      error_code: 'DRS.M00289',
      error_message: expect.any(String),
    });
  });

  it('turn the whole call into HTTP 400 with the results body when every ID is unknown', async () => {
    const jobs = [unknownJobId(1), unknownJobId(2)];
    for (const res of [await detail({ jobs }), await progress({ jobs }), await struct('table', { jobs })]) {
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        count: 2,
        results: [{ error_code: 'DRS.M00289' }, { error_code: 'DRS.M00289' }],
      });
    }
  });

  it("answer a mixed batch with 400 under mixedUnknown: 'http400'", async () => {
    sim.configure({ mixedUnknown: 'http400' });
    const res = await detail({ jobs: [ids[0], unknownJobId(3)] });
    sim.configure({ mixedUnknown: 'per-item' });
    expect(res.status).toBe(400);
    expect(res.json.results?.[0]?.id).toBe(ids[0]);
    expect(res.json.results?.[1]?.error_code).toBe('DRS.M00289');
  });

  it('answer DRS.M05004 for released jobs', async () => {
    sim.configure({ releasedRate: 1 });
    const res = await detail({ jobs: ids.slice(0, 2) });
    sim.configure({ releasedRate: 0 });
    expect(res.status).toBe(400);
    expect(res.json.results?.[0]).toMatchObject({ id: ids[0], error_code: 'DRS.M05004' });
  });
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
    for (const type of STRUCT_TYPES) {
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
      [`/v3/${pid}/jobs/batch-status`, 'POST'],
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

describe('authentication', () => {
  it('answers 401 APIG.0301 without a token or with an unknown one', async () => {
    const missing = await detail({ jobs: [ids[0]] }, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      error_msg: 'Incorrect IAM authentication information: x-auth-token not found',
      error_code: 'APIG.0301',
      request_id: missing.requestId,
    });
    const wrong = await progress({ jobs: [ids[0]] }, { token: 'MIIforged' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({
      error_msg: 'Incorrect IAM authentication information: decrypt token fail',
      error_code: 'APIG.0301',
      request_id: wrong.requestId,
    });
  });

  it("answers 403 DRS.M00261 for a valid token on another project's path", async () => {
    const res = await struct('table', { jobs: [ids[0]] }, { token: sim.projects[1]?.token });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error_code: 'DRS.M00261', error_msg: 'Invalid project ID.' });
  });

  it('puts a 32-hex X-Request-Id on every response', async () => {
    const answers = [
      await detail({ jobs: [ids[0]] }),
      await detail({}),
      await detail({ jobs: [ids[0]] }, { token: null }),
    ];
    for (const a of answers) expect(a.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(3);
  });
});

describe('generated data', () => {
  it('plants secrets carrying the marker in every endpoint', async () => {
    const res = await detail({ jobs: ids.slice(0, 100), page_req: { per_page: 0 } });
    expect(res.text).toContain(SECRET_MARKER);
    const endpoints = (res.json.results ?? []).flatMap(jobEndpoints);
    expect(endpoints.length).toBeGreaterThanOrEqual(200);
    for (const e of endpoints) expect(e.db_password).toContain(SECRET_MARKER);
    const ssl = endpoints.filter((e) => e.ssl_cert_key !== undefined);
    expect(ssl.length).toBeGreaterThan(0);
    for (const e of ssl) expect(`${e.ssl_cert_password} ${e.ssl_cert_key}`).toMatch(/SIMSECRET.*SIMSECRET/);
    const kafka = endpoints.filter((e) => e.db_type === 'kafka');
    expect(kafka.length).toBeGreaterThan(0);
    for (const e of kafka) {
      const k = e.kafka_security_config ?? {};
      for (const v of [
        k.trust_store_key,
        k.trust_store_password,
        k.key_store_key,
        k.key_store_password,
        k.key_password,
      ]) {
        expect(v).toContain(SECRET_MARKER);
      }
    }
  });

  it('looks like real DRS data across the seeded jobs', () => {
    const jobs = ids.map((id) => sim.jobDetail(pid, id));
    const statuses = new Set(jobs.map((j) => j.status));
    expect(statuses.size).toBeGreaterThanOrEqual(25);
    expect(statuses).toContain('DELETED');
    expect(jobs.filter((j) => j.status === 'INCRE_TRANSFER_STARTED').length).toBeGreaterThan(200);
    for (const j of jobs.filter((x) => x.status?.endsWith('_FAILED'))) expect(j.failed_reason).toBeTruthy();
    for (const j of jobs.filter((x) => x.status === 'CONFIGURATION')) expect(j.actual_start_time).toBe('0');
    for (const j of jobs) {
      expect(j.name).toMatch(/^DRS-\d{4}-[a-z]+$/);
      expect(j.create_time).toMatch(/^\d{13}$/);
      expect(['migration', 'sync', 'cloudDataGuard']).toContain(j.db_use_type);
      expect(j.target_endpoint?.db_type).toBeTruthy();
    }
    const tags = jobs.flatMap((j) => j.tags ?? []);
    expect(tags.some((t) => 'key' in t && 'value' in t)).toBe(true);
    expect(tags.some((t) => !('key' in t))).toBe(true);
    expect(jobs.some((j) => j.dmq_endpoint !== undefined)).toBe(true);
    expect(jobs.some((j) => j.master_job_id !== undefined && ids.includes(j.master_job_id))).toBe(true);
    expect(jobs.some((j) => j.object_infos?.every((o) => o.select === 'true'))).toBe(true);
  });

  it('serves exactly what sim.jobDetail / jobProgress / structDetail predict', async () => {
    const jobs = ids.slice(10, 13);
    expect((await detail({ jobs })).json.results).toEqual(jobs.map((id) => sim.jobDetail(pid, id)));
    expect((await progress({ jobs })).json.results).toEqual(jobs.map((id) => sim.jobProgress(pid, id)));
    expect((await struct('trigger', { jobs })).json.results).toEqual(
      jobs.map((id) => sim.structDetail(pid, id, 'trigger')),
    );
  });

  it('is deterministic for a seed and differs across seeds', async () => {
    const [a, b, c] = await Promise.all([
      startSimulator({ seed: 42 }),
      startSimulator({ seed: 42 }),
      startSimulator({ seed: 43 }),
    ]);
    try {
      expect(a.projects).toEqual(b.projects);
      expect(a.projects).not.toEqual(c.projects);
      const [pa] = a.projects;
      const jobs = a.jobIds(pa?.projectId ?? '', 20);
      expect(b.jobIds(pa?.projectId ?? '', 20)).toEqual(jobs);
      const body = { jobs, page_req: { per_page: 0 } };
      const path = `/v3/${pa?.projectId}/jobs/batch-detail`;
      expect((await call(a, path, { body })).text).toBe((await call(b, path, { body })).text);
    } finally {
      await Promise.all([a.close(), b.close(), c.close()]);
    }
  });

  it('serves job #99,999 of a 100,000-job project without building it up front', async () => {
    const big = await startSimulator({ jobs: 100_000, seed: 7 });
    try {
      const [p] = big.projects;
      const [last] = big.jobIds(p?.projectId ?? '', 1, 99_999);
      expect(big.jobIds(p?.projectId ?? '', 5, 100_000)).toEqual([]);
      const res = await call<BatchListJobDetailsResponse>(big, `/v3/${p?.projectId}/jobs/batch-detail`, {
        body: { jobs: [last] },
      });
      expect([200, 400]).toContain(res.status);
      expect(res.json.results?.[0]?.id).toBe(last);
      // The 1,000-job simulator of the same seed does not know that job.
      expect(sim.jobDetail(pid, last ?? '').error_code).toBe('DRS.M00289');
    } finally {
      await big.close();
    }
  });
});

describe('runtime options', () => {
  it('shuffles results when asked', async () => {
    const jobs = ids.slice(0, 60);
    sim.configure({ shuffle: true });
    const res = await detail({ jobs, page_req: { per_page: 0 } });
    sim.configure({ shuffle: false });
    const got = res.json.results?.map((r) => r.id) ?? [];
    expect(got).not.toEqual(jobs);
    expect([...got].sort()).toEqual([...jobs].sort());
  });

  it('waits latencyMs before answering', async () => {
    sim.configure({ latencyMs: 150 });
    const started = performance.now();
    await detail({ jobs: [ids[0]] });
    sim.configure({ latencyMs: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('rejects invalid option values', () => {
    expect(() => sim.configure({ progressStatus: 201 as 200 })).toThrow(/progressStatus/);
    expect(() => sim.configure({ latencyMs: -1 })).toThrow(/latencyMs/);
    expect(sim.options.progressStatus).toBe(202);
  });
});

describe('call log', () => {
  it('records every request, rejected ones included', async () => {
    sim.resetCalls();
    await detail({ jobs: ids.slice(0, 2), page_req: { per_page: 0 } });
    await progress({ jobs: [ids[0]] }, { token: null });
    await struct('index', { jobs: [] });
    await call(sim, `/v3/${pid}/jobs/nope`, { body: { jobs: [ids[3]] } });
    await detail({ jobs: [unknownJobId(9)] });
    expect(sim.calls).toHaveLength(5);
    expect(sim.calls.map(({ at, requestId, ...rest }) => rest)).toEqual([
      {
        api: 'batch-detail',
        method: 'POST',
        path: `/v3/${pid}/jobs/batch-detail`,
        projectId: pid,
        jobs: ids.slice(0, 2),
        pageReq: { per_page: 0 },
        status: 200,
        credential: 'token',
        outcome: 'ok',
      },
      {
        api: 'batch-progress',
        method: 'POST',
        path: `/v3/${pid}/jobs/batch-progress`,
        projectId: pid,
        jobs: [ids[0]],
        status: 401,
        credential: 'none',
        outcome: 'auth',
      },
      {
        api: 'batch-struct-detail',
        method: 'POST',
        path: `/v3/${pid}/jobs/index/batch-struct-detail`,
        projectId: pid,
        jobs: [],
        type: 'index',
        status: 400,
        credential: 'token',
        outcome: 'bad-request',
      },
      {
        api: 'unknown',
        method: 'POST',
        path: `/v3/${pid}/jobs/nope`,
        projectId: pid,
        jobs: [ids[3]],
        status: 404,
        credential: 'token',
        outcome: 'not-found',
      },
      {
        api: 'batch-detail',
        method: 'POST',
        path: `/v3/${pid}/jobs/batch-detail`,
        projectId: pid,
        jobs: [unknownJobId(9)],
        status: 400,
        credential: 'token',
        outcome: 'not-found',
      },
    ]);
    for (const c of sim.calls) {
      expect(c.requestId).toMatch(/^[0-9a-f]{32}$/);
      expect(typeof c.at).toBe('number');
    }
    sim.resetCalls();
    expect(sim.calls).toHaveLength(0);
  });
});

describe('CLI options', () => {
  it('defaults, reads env and lets flags win', () => {
    const d = parseCli([], {});
    expect(d).toMatchObject({
      kind: 'run',
      options: { port: 8090, host: '127.0.0.1', jobs: 1000, seed: 1, latencyMs: 0, shuffle: false },
    });
    const e = parseCli(['--port', '9000', '--shuffle'], { SIM_PORT: '1234', SIM_JOBS: '50', SIM_LATENCY_MS: '20' });
    expect(e).toMatchObject({ kind: 'run', options: { port: 9000, jobs: 50, latencyMs: 20, shuffle: true } });
    const p = parseCli(['--project', 'a'.repeat(32), '--token', 'tok'], {});
    expect(p.kind === 'run' && p.options.projects?.[0]).toEqual({ projectId: 'a'.repeat(32), token: 'tok' });
  });

  it('reports bad values instead of starting', () => {
    expect(parseCli(['--port', 'abc'], {})).toEqual({
      kind: 'error',
      message: '--port must be an integer between 0 and 65535, got "abc"',
    });
    expect(parseCli([], { SIM_JOBS: '-3' }).kind).toBe('error');
    expect(parseCli(['--project', 'xyz'], {}).kind).toBe('error');
    expect(parseCli(['--nope'], {}).kind).toBe('error');
    expect(parseCli(['-h'], {})).toEqual({ kind: 'help' });
  });
});
