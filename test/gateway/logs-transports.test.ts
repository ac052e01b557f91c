import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Client, createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { type Harness, type Listening, startHarness } from '../support/harness.js';
import { captureLogs, type LogRecord, operationLines } from '../support/log-capture.js';
import { subscribeSse } from '../support/sse.js';

/** Every transport's operations get their one line: GET, SSE, graphql-ws, and refusals by a params hook. */
const logs = captureLogs('info');
const PROGRESS = 'subscription Live($ids: [ID!]!) { jobProgress(ids: $ids) { jobId percent } }';
let h: Harness;
let server: Listening;
let ws: Client;
beforeAll(async () => {
  h = await startHarness({ DRS_POLL_INTERVAL_MS: '100' }, {}, { logger: logs.logger });
  server = await h.listen();
  const url = server.url.replace(/^http:/, 'ws:');
  ws = createClient({ url, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
});
afterAll(async () => {
  await ws?.dispose();
  await server?.close();
  await h?.close();
});

/** The operation lines `run` caused, once `count` of them are written. */
async function lines(run: () => Promise<void>, count = 1): Promise<LogRecord[]> {
  logs.mark();
  h.sim.resetCalls();
  await run();
  await vi.waitFor(() => expect(operationLines(logs.since()).length).toBeGreaterThanOrEqual(count));
  return operationLines(logs.since());
}

/** One graphql-ws operation: its first result (or errors), then it is completed by the client. */
function overWs(query: string, variables: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }> {
  return new Promise((resolve) => {
    const stop = ws.subscribe(
      { query, variables },
      {
        next: (value) => {
          stop();
          resolve(value as { data?: any });
        },
        error: (errors) => resolve({ errors: errors as any[] }),
        complete: () => {},
      },
    );
  });
}

describe('operation lines on every transport', () => {
  it('a GET', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const url = new URL('http://gateway/graphql');
    url.searchParams.set('query', `query ViaGet { job(id: "${id}") { id } }`);
    const found = await lines(async () => {
      await (await h.fetch(url, { headers: { accept: 'application/json', 'x-request-id': 'get-1' } })).json();
    });
    expect(found).toEqual([
      expect.objectContaining({ operationName: 'ViaGet', transport: 'http', requestId: 'get-1', drsCalls: 1 }),
    ]);
    expect(h.calls().map((call) => call.clientRequestId)).toEqual(['get-1']);
  });

  it('an SSE subscription, when it ends', async () => {
    const ids = h.sim.jobIds(h.projectId, 2);
    const sub = subscribeSse(h, PROGRESS, { ids }, { 'x-request-id': 'sse-1' });
    await sub.waitFor(1);
    logs.mark();
    expect(operationLines(logs.since())).toEqual([]);
    sub.close();
    await vi.waitFor(() => expect(operationLines(logs.since())).toHaveLength(1));
    expect(operationLines(logs.since())[0]).toMatchObject({
      operationName: 'Live',
      operationType: 'subscription',
      transport: 'http',
      requestId: 'sse-1',
      errorCodes: [],
    });
  });

  it('a graphql-ws query, a subscription when the client completes it, and refused ones', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const query = await lines(async () => {
      expect((await overWs('query ViaWs($id: ID!) { job(id: $id) { id } }', { id })).data.job.id).toBe(id);
    });
    expect(query).toEqual([
      expect.objectContaining({ operationName: 'ViaWs', operationType: 'query', transport: 'ws', drsCalls: 1 }),
    ]);
    expect(h.calls().map((call) => call.clientRequestId)).toEqual([query[0]!.requestId]);

    const subscription = await lines(async () => {
      expect((await overWs(PROGRESS, { ids: [id] })).data.jobProgress).toBeDefined();
    });
    expect(subscription).toEqual([
      expect.objectContaining({ operationName: 'Live', operationType: 'subscription', transport: 'ws' }),
    ]);

    const refused = await lines(async () => {
      expect((await overWs('query Nope { jobs(ids: []) { nope } }', {})).errors).toHaveLength(1);
    });
    expect(refused).toEqual([
      expect.objectContaining({ operationName: 'Nope', transport: 'ws', errorCodes: ['GRAPHQL_VALIDATION_FAILED'] }),
    ]);
    expect(h.calls()).toHaveLength(0);

    const url = server.url.replace(/^http:/, 'ws:');
    const badProject = createClient({
      url,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { 'X-Project-Id': 'nope' },
    });
    try {
      const refusedContext = await lines(async () => {
        await new Promise<void>((resolve) => {
          badProject.subscribe(
            { query: 'query Ctx { __typename }' },
            { next: () => {}, error: () => resolve(), complete: () => resolve() },
          );
        });
      });
      expect(refusedContext).toEqual([
        expect.objectContaining({ transport: 'ws', errorCodes: ['BAD_USER_INPUT'], drsCalls: 0 }),
      ]);
    } finally {
      await badProject.dispose();
    }

    // graphql-ws closes the socket on a document that does not parse; the line is written first.
    const broken = await lines(async () => {
      expect((await overWs('query Broken { jobs(', {})).errors).toBeDefined();
    });
    expect(broken).toEqual([expect.objectContaining({ transport: 'ws', errorCodes: ['GRAPHQL_PARSE_FAILED'] })]);
  });
});

describe('refused by a params hook', () => {
  it('logs an operation persisted-operations refuses before anything else runs', async () => {
    const only = captureLogs('info');
    const manifest = join(mkdtempSync(join(tmpdir(), 'drs-gw-')), 'operations.json');
    writeFileSync(manifest, JSON.stringify({}));
    const strict = await startHarness(
      { PERSISTED_OPERATIONS_FILE: manifest, PERSISTED_OPERATIONS_ONLY: 'true' },
      {},
      { logger: only.logger },
    );
    try {
      // yoga's persisted-operations plugin throws from onParams: no other hook of the operation runs.
      const res = await strict.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'po-1' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(((await res.json()) as any).errors[0].message).toMatch(/PersistedQueryOnly/);
      expect(operationLines(only.since())).toEqual([
        expect.objectContaining({
          requestId: 'po-1',
          transport: 'http',
          drsCalls: 0,
          errorCodes: ['CANNOT_SEND_PQ_ID_AND_BODY'],
        }),
      ]);
      expect(strict.sim.calls).toHaveLength(0);
    } finally {
      await strict.close();
    }
  });
});
