import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { subscribeSse } from '../support/sse.js';
import { startTracedHarness, type TracedHarness } from '../support/tracing-harness.js';

const LIVE = 'subscription Live($ids: [ID!]!) { jobProgress(ids: $ids) { jobId percent } }';

let t: TracedHarness;
let h: TracedHarness['h'];
beforeAll(async () => {
  t = await startTracedHarness({ DRS_POLL_INTERVAL_MS: '200' });
  h = t.h;
});
afterAll(async () => {
  await t?.close();
});

describe('traces of subscriptions and graphql-ws', () => {
  it('an SSE subscription gets a server span; the shared progress polls are traces of their own', async () => {
    const ids = h.sim.jobIds(h.projectId, 2);
    const sse = await t.traced(async () => {
      const sub = subscribeSse(h, LIVE, { ids });
      await sub.waitFor(2);
      sub.close();
    });
    expect(sse.server.map((span) => [span.name, span.attributes['graphql.operation.type']])).toEqual([
      ['subscription Live', 'subscription'],
    ]);
    // The poll loop outlives the subscription that started it: its calls are not that span's children.
    expect(sse.client.length).toBeGreaterThan(0);
    for (const span of sse.client) expect(span.parentSpanContext).toBeUndefined();
  });

  it('graphql-ws operations get a server span, parented by the connection params’ traceparent', async () => {
    const ids = h.sim.jobIds(h.projectId, 2);
    const url = h.wsUrl;
    // A graphql-ws client names its parent in the connection params (a browser cannot set upgrade headers).
    const traceId = '0af7651916cd43dd8448eb211c80319c';
    const traceparent = `00-${traceId}-b7ad6b7169203331-01`;
    const client = createClient({ url, webSocketImpl: WebSocket, lazy: true, connectionParams: { traceparent } });
    const first = (query: string, variables: Record<string, unknown>) =>
      new Promise<unknown>((resolve, reject) => {
        const stop = client.subscribe(
          { query, variables },
          {
            next: (value) => {
              stop();
              resolve(value);
            },
            error: reject,
            complete: () => {},
          },
        );
      });
    try {
      const ws = await t.traced(async () => {
        await first('query ViaWs($id: ID!) { job(id: $id) { id } }', { id: ids[0] });
        await first(LIVE, { ids });
      });
      expect(ws.server.map((span) => span.name)).toEqual(['query ViaWs', 'subscription Live']);
      for (const span of ws.server) expect(span.parentSpanContext).toMatchObject({ traceId, isRemote: true });
      const [query] = ws.server as [ReadableSpan];
      expect(query.attributes['drs.gateway.request_id']).toEqual(expect.any(String));
      const detail = ws.client.filter((span) => span.attributes['drs.api'] === 'batch-detail');
      expect(detail).toHaveLength(1);
      expect(detail[0]!.parentSpanContext?.spanId).toBe(query.spanContext().spanId);
    } finally {
      await client.dispose();
    }
  });

  it('no span carries the token, the project id, a job id or a variable', () => {
    t.expectNoSecrets();
  });
});
