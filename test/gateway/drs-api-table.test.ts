import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HANDLERS } from '../../simulator/http/handlers.js';
import { matchRoute } from '../../simulator/http/router.js';
import { buildOpenApi, type CallRecord, type Simulator, startSimulator } from '../../simulator/index.js';
import { loadConfig } from '../../src/config.js';
import { batchSizeOf, DRS_API, DRS_APIS, type DrsApi, drsPath, IAM_TOKEN } from '../../src/drs/apis.js';
import { DrsClient, type DrsSession } from '../../src/drs/client.js';
import { createDispatcher } from '../../src/drs/dispatcher.js';

// The gateway's session, the simulator's router and handlers and the OpenAPI document all read
// src/drs/apis.ts; these checks fail when one of them drifts from a row (or a row lacks one of them).

const rows = DRS_APIS.map((api) => [api, DRS_API[api]] as const);
const sorted = (names: Iterable<string>) => [...names].sort();
/** The `{name}`s of a template, in path order. */
const pathParams = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);

let sim: Simulator;
let pid: string;
let close: () => Promise<void>;
let session: DrsSession;
const attempts: { api: DrsApi; method: string; urlTemplate: string }[] = [];

beforeAll(async () => {
  sim = await startSimulator({ seed: 23, clock: 'manual' });
  pid = sim.projects[0]!.projectId;
  const token = sim.projects[0]!.token;
  const config = loadConfig({ DRS_ENDPOINT: sim.url, DRS_PROJECT_ID: pid, DRS_AUTH_TOKEN: token, LOG_LEVEL: 'silent' });
  const dispatcher = createDispatcher(config);
  close = () => dispatcher.close();
  const drs = DrsClient.fromConfig(config, sim.url, dispatcher);
  drs.observe({
    attempt: ({ api, method, urlTemplate }) => {
      attempts.push({ api, method, urlTemplate });
      return () => {};
    },
  });
  session = drs.session({ projectId: pid, auth: { kind: 'token', token }, language: 'en-us' });
});
afterAll(async () => {
  await close();
  await sim.close();
});

describe('the DRS API table (src/drs/apis.ts)', () => {
  it('has a session method per row, each calling its row’s method and path, which the simulator routes to the same API', async () => {
    const ids = sim.jobIds(pid, 3);
    const page = { offset: 0, limit: 5 };
    // Keyed by the session's methods: the compiler asks for an entry when a method is added.
    const invoke: Record<keyof DrsSession, () => Promise<unknown>> = {
      batchDetail: () => session.batchDetail(ids),
      batchProgress: () => session.batchProgress(ids),
      batchStructDetail: () => session.batchStructDetail('table', ids),
      progressData: () => session.progressData(ids[0]!, 'table', page),
      asyncJobDetail: () => session.asyncJobDetail(sim.asyncJobIds(pid)[0]!, page),
      jobList: () =>
        session.jobList({
          cur_page: 1,
          per_page: 5,
          db_use_type: 'migration',
          engine_type: '',
          net_type: '',
          status: '',
          name: '',
        }),
      batchStatus: () => session.batchStatus(ids),
      jobLog: () => session.jobLog(ids[0]!, page),
    };
    const called = new Map<DrsApi, CallRecord>();
    for (const [method, run] of Object.entries(invoke)) {
      attempts.length = 0;
      sim.resetCalls();
      // Resolving means the answer carried the row's `list` member (parseResponse checks it).
      await expect(run(), method).resolves.toBeDefined();
      expect(attempts, method).toHaveLength(1);
      const [{ api, ...sent }] = attempts as [(typeof attempts)[number]];
      expect(sent, method).toEqual({ method: DRS_API[api].method, urlTemplate: DRS_API[api].template });
      expect(sim.calls, method).toHaveLength(1);
      const [record] = sim.calls as [CallRecord];
      expect([record.api, record.method, record.projectId, record.outcome], method).toEqual([
        api,
        sent.method,
        pid,
        'ok',
      ]);
      expect(called.has(api), `${method} calls ${api}, as another method does`).toBe(false);
      called.set(api, record);
    }
    expect(sorted(called.keys())).toEqual(sorted(DRS_APIS));
    // Each job-id API sent its ids; the paged ones asked for every job at once.
    for (const api of ['batch-detail', 'batch-struct-detail', 'batch-status'] as const)
      expect([called.get(api)?.jobs, called.get(api)?.pageReq]).toEqual([ids, { cur_page: 1, per_page: 0 }]);
    expect([called.get('batch-progress')?.jobs, called.get('batch-progress')?.pageReq]).toEqual([ids, undefined]);
    expect(called.get('job-log')?.query).toEqual({ type: 'log', offset: '0', limit: '5' });
  });

  it('is what the simulator routes: each row’s method and template, no other method, and IAM beside them', () => {
    const values: Record<string, string> = { project_id: pid, type: 'table', job_id: 'j 1/2', async_job_id: 'a%b' };
    for (const [api, row] of rows) {
      const path = drsPath(row.template, values);
      const route = matchRoute(row.method, path);
      expect(route, api).toBeDefined();
      expect(route?.api, path).toBe(api);
      expect(route?.projectId).toBe(pid);
      if (row.template.includes('{type}')) expect(route?.type).toBe('table');
      if (row.template.includes('{job_id}')) expect(route?.jobId).toBe('j 1/2');
      if (row.template.includes('{async_job_id}')) expect(route?.asyncJobId).toBe('a%b');
      const other = row.method === 'GET' ? 'POST' : 'GET';
      expect(matchRoute(other, path), `${other} ${path}`).toBeUndefined();
      expect(matchRoute(row.method, `${path}/`), `${path}/`).toBeUndefined();
    }
    expect(matchRoute(IAM_TOKEN.method, IAM_TOKEN.path)?.api).toBe(IAM_TOKEN.name);
    expect(matchRoute('POST', `/v3/${pid}/jobs/batch-nothing`)).toBeUndefined();
    expect(sorted(Object.keys(HANDLERS))).toEqual(sorted(DRS_APIS));
  });

  it('is what the OpenAPI document describes: each row’s template, method, summary and path parameters', () => {
    const paths = buildOpenApi().paths as Record<string, Record<string, any>>;
    expect(sorted(Object.keys(paths))).toEqual(sorted([...rows.map(([, row]) => row.template), IAM_TOKEN.path]));
    for (const [api, row] of rows) {
      const item = paths[row.template]!;
      expect(Object.keys(item), api).toEqual([row.method.toLowerCase()]);
      const operation = item[row.method.toLowerCase()];
      expect(operation.summary.startsWith(row.summary), api).toBe(true);
      const declared = (operation.parameters as { name: string; in: string }[]).filter((p) => p.in !== 'header');
      expect(
        declared.filter((p) => p.in === 'path').map((p) => p.name),
        api,
      ).toEqual(pathParams(row.template));
      const query = declared.filter((p) => p.in === 'query').map((p) => p.name);
      const paged = row.shape === 'offset-limit';
      expect(query, api).toEqual(paged ? [...Object.keys('query' in row ? row.query : {}), 'offset', 'limit'] : []);
      expect(operation.requestBody !== undefined, api).toBe(row.method === 'POST');
    }
    expect(Object.keys(paths[IAM_TOKEN.path]!)).toContain(IAM_TOKEN.method.toLowerCase());
  });

  it('names a batch size exactly for the APIs that take job ids, and the simulator README lists every row', () => {
    const config = loadConfig({ DRS_BATCH_SIZE: '7', DRS_PROGRESS_BATCH_SIZE: '8', DRS_STRUCT_BATCH_SIZE: '9' });
    const sizes = rows.map(([api, row]) => [
      api,
      'batchSize' in row ? batchSizeOf(api as never, config.batchSizes) : 0,
    ]);
    expect(Object.fromEntries(sizes)).toEqual({
      'batch-detail': 7,
      'batch-progress': 8,
      'batch-struct-detail': 9,
      'progress-data': 0,
      'async-job-detail': 0,
      'job-list': 0,
      'batch-status': 7,
      'job-log': 0,
    });
    for (const [api, row] of rows)
      expect('batchSize' in row, api).toBe(row.shape === 'jobs' || row.shape === 'jobs-paged');
    const readme = readFileSync(new URL('../../simulator/README.md', import.meta.url), 'utf8');
    for (const [api, row] of rows)
      expect(readme, api).toMatch(
        new RegExp(`^\\| ${api} +\\| \`${row.method} ${row.template.replace(/[{}]/g, '\\$&')}[?\`]`, 'm'),
      );
  });
});
