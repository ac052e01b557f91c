import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { exampleQuery } from '../../src/example-query.js';
import { type Harness, startHarness } from '../support/harness.js';
import { captureLogs, type LogRecord, operationLines } from '../support/log-capture.js';

/** The gateway's log lines, read back from memory, for operations sent over real HTTP. */
const logs = captureLogs('debug');
let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, {}, { logger: logs.logger });
});
afterAll(() => h.close());

/** Runs `send` and returns the lines it logged (waiting for `count` operation lines). */
async function logged(send: () => Promise<unknown>, count = 1): Promise<LogRecord[]> {
  logs.mark();
  h.sim.resetCalls();
  await send();
  await vi.waitFor(() => expect(operationLines(logs.since()).length).toBeGreaterThanOrEqual(count));
  return logs.since();
}

const post = (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  h.fetch('http://gateway/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });

describe('one info line per GraphQL operation', () => {
  it('logs a dashboard query once, with the request id DRS saw and its DRS call count', async () => {
    const ids = h.sim.jobIds(h.projectId, 5);
    let echoed = '';
    const lines = await logged(async () => {
      const res = await post(exampleQuery(ids));
      echoed = res.headers.get('x-request-id')!;
      expect(((await res.json()) as any).data.jobs).toHaveLength(5);
    });
    expect(h.calls().map((call) => call.api)).toEqual(['batch-detail', 'batch-progress', 'batch-struct-detail']);
    const [line, ...others] = operationLines(lines);
    expect(others).toEqual([]);
    expect(line).toMatchObject({
      level: 'info',
      requestId: echoed,
      operationName: 'Dashboard',
      operationType: 'query',
      transport: 'http',
      drsCalls: h.sim.calls.length,
      drsFailures: 0,
      errorCodes: [],
    });
    expect(h.sim.calls.map((call) => call.clientRequestId)).toEqual([echoed, echoed, echoed]);
    expect(line!.durationMs).toBeTypeOf('number');
    expect(line!.durationMs).toBeGreaterThan(0);
    expect(Date.parse(line!.time)).not.toBeNaN();
    // Never the query text, its variables, its result or its headers.
    expect(Object.keys(line!).sort()).toEqual(
      [
        'durationMs',
        'drsCalls',
        'drsFailures',
        'errorCodes',
        'level',
        'msg',
        'operationName',
        'operationType',
        'requestId',
        'time',
        'transport',
      ].sort(),
    );
    expect(JSON.stringify(lines)).not.toContain(ids[0]);
  });

  it("carries the caller's X-Request-Id", async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const lines = await logged(() =>
      post('query One($id: ID!) { job(id: $id) { id } }', { id }, { 'x-request-id': 'dash-42' }),
    );
    expect(operationLines(lines)).toEqual([
      expect.objectContaining({ requestId: 'dash-42', operationName: 'One', drsCalls: 1 }),
    ]);
    expect(h.sim.calls.map((call) => [call.api, call.clientRequestId])).toEqual([['batch-detail', 'dash-42']]);
  });

  it('logs refused operations once, with their code and no DRS call', async () => {
    const cases: [string, () => Promise<Response>, string][] = [
      ['validation', () => post('query Bad { jobs(ids: ["x"]) { nope } }'), 'GRAPHQL_VALIDATION_FAILED'],
      ['parse', () => post('query Broken { jobs(ids: '), 'GRAPHQL_PARSE_FAILED'],
      ['variables', () => post('query V($ids: [ID!]!) { jobs(ids: $ids) { id } }', { ids: [true] }), 'BAD_USER_INPUT'],
      ['context', () => post('query P { job(id: "x") { id } }', {}, { 'x-project-id': 'nope' }), 'BAD_USER_INPUT'],
    ];
    for (const [, send, code] of cases) {
      const lines = await logged(send);
      // The caller's mistakes: nothing at error.
      expect(lines.filter((r) => r.level === 'error')).toEqual([]);
      expect(operationLines(lines)).toEqual([
        expect.objectContaining({ errorCodes: [code], drsCalls: 0, requestId: expect.any(String) }),
      ]);
      expect(h.sim.calls).toHaveLength(0);
    }
  });
});

describe('one line per failed DRS call, not per job', () => {
  it('logs a failing batch-detail call for 12 jobs once per call, with DRS’s request id', async () => {
    const ids = h.sim.jobIds(h.projectId, 12);
    h.sim.faults.set('batch-detail', '500*10');
    try {
      const lines = await logged(async () => {
        const res = (await (await post('query($ids: [ID!]!) { jobs(ids: $ids) { id name } }', { ids })).json()) as any;
        expect(res.errors).toHaveLength(12);
      });
      // 10 ids per call and a 500 is not retried: two calls, both failed.
      const failedCalls = h.calls('batch-detail').filter((call) => call.status === 500);
      expect(failedCalls).toHaveLength(2);
      const failures = lines.filter((r) => r.msg === 'DRS call failed');
      expect(failures).toHaveLength(failedCalls.length);
      expect(failures.map((r) => r.drsRequestId).sort()).toEqual(failedCalls.map((call) => call.requestId).sort());
      const [operation] = operationLines(lines);
      for (const failure of failures) {
        expect(failure).toMatchObject({
          level: 'warn',
          api: 'batch-detail',
          status: 500,
          code: 'UPSTREAM_ERROR',
          drsCode: 'DRS.M00004',
          requestId: operation!.requestId,
        });
      }
      expect(failures.map((r) => r.jobs).sort()).toEqual([10, 2].sort());
      // The 12 per-job errors yoga masks are debug lines only: nothing else at warn or error.
      expect(lines.filter((r) => r.level === 'warn' || r.level === 'error')).toEqual(failures);
      expect(lines.filter((r) => r.msg === 'DRS error in a field')).toHaveLength(12);
      expect(operation).toMatchObject({ drsCalls: 2, drsFailures: 2, errorCodes: ['UPSTREAM_ERROR'] });
    } finally {
      h.sim.faults.clear();
    }
  });

  it("logs the caller's own mistakes (a token DRS refuses) at debug", async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const lines = await logged(() =>
      post(`{ job(id: "${id}") { id } }`, {}, { 'x-auth-token': 'caller-secret-token' }),
    );
    const failures = lines.filter((r) => r.msg === 'DRS call failed');
    expect(failures).toEqual([expect.objectContaining({ level: 'debug', code: 'UNAUTHENTICATED', status: 401 })]);
    expect(operationLines(lines)).toEqual([
      expect.objectContaining({ errorCodes: ['UNAUTHENTICATED'], drsFailures: 1 }),
    ]);
    expect(logs.text()).not.toContain('caller-secret-token');
  });

  it('never writes the DRS token, whatever was logged', () => {
    expect(logs.text().length).toBeGreaterThan(0);
    expect(logs.text()).not.toContain(h.token);
  });
});
