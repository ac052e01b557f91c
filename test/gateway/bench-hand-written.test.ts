import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DASHBOARD_QUERY } from '../../bench/dashboard-query.js';
import { handWrittenDashboard } from '../../bench/hand-written.js';
import { DrsClient } from '../../src/drs/client.js';
import { createDispatcher } from '../../src/drs/dispatcher.js';
import { type Harness, startHarness } from '../support/harness.js';

// The bench's hand-written reference only means something if it does the gateway's work: same
// upstream calls, same answer, byte for byte.
let h: Harness;
let server: Server;
let url: string;
let closeDispatcher: () => Promise<void>;
beforeAll(async () => {
  h = await startHarness();
  const dispatcher = createDispatcher(h.config);
  closeDispatcher = () => dispatcher.close();
  const drs = DrsClient.fromConfig(h.config, h.sim.url, dispatcher);
  const credentials = { projectId: h.projectId, auth: { kind: 'token', token: h.token }, language: 'en-us' } as const;
  server = createServer(handWrittenDashboard(() => drs.session(credentials), h.config.batchSizes));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await closeDispatcher();
  await h.close();
});

const post = (body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('bench hand-written reference', () => {
  it('answers the dashboard query with the gateway’s bytes and the gateway’s upstream calls', async () => {
    const ids = h.sim.jobIds(h.projectId, 25);
    const gateway = await h.gqlText(DASHBOARD_QUERY, { ids });
    const gatewayCalls = h.calls().map((c) => c.api);
    h.sim.resetCalls();
    const res = await post({ query: DASHBOARD_QUERY, variables: { ids }, operationName: 'Dashboard' });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(JSON.parse(text).data.jobs).toHaveLength(25);
    expect(text).toBe(gateway.text);
    // 25 ids: 3 batch-detail chunks of 10, one batch-progress, one batch-struct-detail, on both sides.
    expect(gatewayCalls.sort()).toEqual([
      'batch-detail',
      'batch-detail',
      'batch-detail',
      'batch-progress',
      'batch-struct-detail',
    ]);
    expect(
      h
        .calls()
        .map((c) => c.api)
        .sort(),
    ).toEqual(gatewayCalls);
  });

  it('refuses any other query without calling DRS', async () => {
    h.sim.resetCalls();
    const res = await post({ query: '{ jobs(ids: []) { id } }', variables: { ids: [] } });
    expect((await res.json()).errors[0].message).toMatch(/dashboard query only/);
    expect(h.calls()).toHaveLength(0);
  });
});
