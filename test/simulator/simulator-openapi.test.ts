import { beforeAll, describe, expect, it } from 'vitest';
import { buildOpenApi, PROGRESS_DATA_TYPES, type Simulator, unknownJobId } from '../../simulator/index.js';
import { STRUCT_DETAIL_TYPES } from '../../src/drs/types.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { type Answer, call, get, permanentKey, signedCall } from '../support/simulator-helpers.js';
import { type ResponseCheck, responseChecker, validateDocument } from '../support/simulator-helpers-openapi.js';

const DETAIL = '/v3/{project_id}/jobs/batch-detail';
const PROGRESS = '/v3/{project_id}/jobs/batch-progress';
const STRUCT = '/v3/{project_id}/jobs/{type}/batch-struct-detail';
const FLOW = '/v5/{project_id}/jobs/{job_id}/progress-data/{type}';
const ASYNC = '/v5/{project_id}/batch-async-jobs/{async_job_id}';
const IAM = '/v3/auth/tokens';
// The discovery APIs' answers are checked in simulator-discovery.test.ts.
const DISCOVERY = ['/v3/{project_id}/jobs', '/v3/{project_id}/jobs/batch-status', '/v5/{project_id}/jobs/{job_id}'];
let sim: Simulator;
let pid: string;
let ids: string[];
let doc: Record<string, unknown>;
let check: ResponseCheck;
let checked = 0;
const errors: string[] = [];

/** Validates one live answer against the served document. */
function expectConforms(template: string, method: string, a: Answer) {
  checked++;
  errors.push(...check(template, method, a.status, a.json));
}

const started = useSimulator({ seed: 17, clock: 'manual' }, 400);
beforeAll(async () => {
  ({ sim, pid, ids } = started);
  const res = await fetch(`${sim.url}/openapi.json`);
  doc = (await res.json()) as Record<string, unknown>;
  check = responseChecker(doc);
});

describe('/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document of exactly the simulated APIs, served without credentials', async () => {
    const result = await validateDocument(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(result.version).toBe('3.1');
    expect(Object.keys(doc.paths as object).sort()).toEqual(
      [DETAIL, PROGRESS, STRUCT, ASYNC, FLOW, IAM, ...DISCOVERY].sort(),
    );
    expect(doc).toEqual(JSON.parse(JSON.stringify(buildOpenApi())));
  });

  it('describes every live answer: successes over the seeded data, now and later', async () => {
    for (const advance of [0, 3 * 3_600_000]) {
      sim.clock.advance(advance);
      for (let i = 0; i < ids.length; i += 100) {
        const jobs = ids.slice(i, i + 100);
        expectConforms(
          DETAIL,
          'POST',
          await call(sim, `/v3/${pid}/jobs/batch-detail`, { body: { jobs, page_req: { per_page: 0 } } }),
        );
        expectConforms(PROGRESS, 'POST', await call(sim, `/v3/${pid}/jobs/batch-progress`, { body: { jobs } }));
      }
      for (const type of STRUCT_DETAIL_TYPES) {
        const body = { jobs: ids.slice(0, 60), page_req: { per_page: 0 } };
        expectConforms(STRUCT, 'POST', await call(sim, `/v3/${pid}/jobs/${type}/batch-struct-detail`, { body }));
      }
      for (const type of PROGRESS_DATA_TYPES) {
        for (const id of ids.slice(0, 8))
          expectConforms(FLOW, 'GET', await get(sim, `/v5/${pid}/jobs/${id}/progress-data/${type}?limit=1000`));
      }
      for (const a of sim.asyncJobIds(pid))
        expectConforms(ASYNC, 'GET', await get(sim, `/v5/${pid}/batch-async-jobs/${a}?limit=100`));
    }
    expect(errors.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(60);
  });

  it('describes every error answer', async () => {
    const flowPath = `/v5/${pid}/jobs/${ids[0]}/progress-data/table`;
    const cases: [string, string, () => Promise<Answer>][] = [
      [DETAIL, 'POST', () => call(sim, `/v3/${pid}/jobs/batch-detail`, { body: {} })],
      [DETAIL, 'POST', () => call(sim, `/v3/${pid}/jobs/batch-detail`, { body: { jobs: [unknownJobId(1)] } })],
      [
        DETAIL,
        'POST',
        () => call(sim, `/v3/${pid}/jobs/batch-detail`, { body: { jobs: ids.slice(0, 1) }, token: null }),
      ],
      [DETAIL, 'POST', () => call(sim, `/v3/${pid}/jobs/batch-detail`, { raw: 'x'.repeat(1_100_000) })],
      [
        PROGRESS,
        'POST',
        () =>
          call(sim, `/v3/${pid}/jobs/batch-progress`, {
            body: { jobs: ids.slice(0, 1) },
            token: sim.projects[1]?.token,
          }),
      ],
      [
        STRUCT,
        'POST',
        () => call(sim, `/v3/${pid}/jobs/nope/batch-struct-detail`, { body: { jobs: ids.slice(0, 1) } }),
      ],
      [FLOW, 'GET', () => get(sim, `${flowPath}?limit=0`)],
      [FLOW, 'GET', () => get(sim, `/v5/${pid}/jobs/${unknownJobId(3)}/progress-data/table`)],
      [ASYNC, 'GET', () => get(sim, `/v5/${pid}/batch-async-jobs/unknown`)],
      [
        ASYNC,
        'GET',
        () => signedCall(sim, { ...permanentKey(sim, pid), sk: 'bad' }, { path: `/v5/${pid}/batch-async-jobs/x` }),
      ],
    ];
    for (const status of ['429:1', '500', '502', '503', '504']) {
      cases.push([
        FLOW,
        'GET',
        async () => {
          sim.faults.set('progress-data', status);
          return get(sim, flowPath);
        },
      ]);
    }
    const user = sim.iamUsers[0]!;
    const iamBody = (password: string) => ({
      auth: {
        identity: {
          methods: ['password'],
          password: { user: { name: user.name, password, domain: { name: user.domain } } },
        },
        scope: { project: { id: pid } },
      },
    });
    const iam = (body: unknown, query = '') => call(sim, `${IAM}${query}`, { body, token: null });
    cases.push(
      [IAM, 'POST', () => iam(iamBody(user.password))],
      [IAM, 'POST', () => iam(iamBody(user.password), '?nocatalog=1')],
      [IAM, 'POST', () => iam(iamBody('wrong'))],
      [IAM, 'POST', () => iam({})],
      [
        IAM,
        'POST',
        async () => {
          sim.faults.set('iam-token', '503');
          return iam(iamBody(user.password));
        },
      ],
    );
    for (const [template, method, run] of cases) expectConforms(template, method, await run());
    sim.configure({ rateLimit: 1 });
    const [, second] = [await get(sim, flowPath), await get(sim, flowPath)];
    sim.configure({ rateLimit: 0 });
    expect(second?.status).toBe(429);
    expectConforms(FLOW, 'GET', second as Answer);
    const unknownRoute = await call(sim, `/v3/${pid}/jobs/batch-nothing`, { body: {} });
    expect(check(DETAIL, 'POST', unknownRoute.status, unknownRoute.json)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('rejects an answer that breaks the schema (the checker is not a rubber stamp)', () => {
    expect(check(DETAIL, 'POST', 200, { count: '1', results: [{ name: 'x' }] }).length).toBeGreaterThan(0);
    expect(check(FLOW, 'GET', 200, { count: 1, create_time: '0', flow_compare_data: [{ progress: 101 }] }).length).toBe(
      1,
    );
    expect(check(ASYNC, 'GET', 418, {})).toEqual([`GET ${ASYNC} does not document status 418`]);
  });
});
