import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startHarness } from '../support/harness.js';
import {
  expectChildrenSentToDrs,
  parseTraceparent,
  startTracedHarness,
  type TracedHarness,
} from '../support/tracing-harness.js';

const DASHBOARD = `query Dashboard($ids: [ID!]!) { jobs(ids: $ids) { id name status
  progress { percent } structDetail(type: TABLE) { total } } }`;
const ONE = 'query One($id: ID!) { job(id: $id) { id name } }';

let t: TracedHarness;
let h: TracedHarness['h'];
beforeAll(async () => {
  t = await startTracedHarness({ DRS_BATCH_SIZE: '10', DRS_RETRY_BASE_DELAY_MS: '5' });
  h = t.h;
});
afterEach(() => h.sim.faults.clear());
afterAll(() => t?.close());

describe('traces', () => {
  it('a 12-job dashboard on the fast path: one server span, one client span per DRS attempt, its children', async () => {
    const ids = h.sim.jobIds(h.projectId, 12);
    const { fast } = await h.served();
    let requestId = '';
    const {
      server: servers,
      client,
      calls,
    } = await t.traced(async () => {
      const res = await t.post(DASHBOARD, { ids }, { 'x-auth-token': h.token });
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data.jobs).toHaveLength(12);
      requestId = res.requestId;
    });
    expect((await h.served()).fast - fast).toBe(1);
    // 12 ids at 10 per batch-detail call, one batch-progress and one batch-struct-detail call.
    expect(calls.map((call) => call.api).sort()).toEqual([
      'batch-detail',
      'batch-detail',
      'batch-progress',
      'batch-struct-detail',
    ]);
    expect(servers).toHaveLength(1);
    const [span] = servers as [ReadableSpan];
    expect(span.name).toBe('query Dashboard');
    expect(span.parentSpanContext).toBeUndefined();
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).toEqual({
      'graphql.operation.type': 'query',
      'graphql.operation.name': 'Dashboard',
      'drs.gateway.request_id': requestId,
    });
    expectChildrenSentToDrs(span, client, calls);
    const detail = client.find((s) => s.attributes['drs.api'] === 'batch-detail')!;
    expect(detail.name).toBe('POST /v3/{project_id}/jobs/batch-detail');
    expect(detail.attributes).toEqual({
      'http.request.method': 'POST',
      'server.address': '127.0.0.1',
      'server.port': Number(new URL(h.sim.url).port),
      'url.template': '/v3/{project_id}/jobs/batch-detail',
      'drs.api': 'batch-detail',
      'http.response.status_code': 200,
      'drs.request_id': expect.any(String),
    });
    expect(client.find((s) => s.attributes['drs.api'] === 'batch-struct-detail')!.name).toBe(
      'POST /v3/{project_id}/jobs/{type}/batch-struct-detail',
    );
  });

  it('keeps concurrent operations apart: each DataLoader batch belongs to the operation that loaded it', async () => {
    const groups = [0, 1, 2].map((n) => h.sim.jobIds(h.projectId, 3, n * 3));
    const {
      server: servers,
      client,
      calls,
    } = await t.traced(async () => {
      await Promise.all(groups.map((ids, n) => t.post(ONE.replace('One', `One${n}`), { id: ids[n] })));
    });
    expect(servers).toHaveLength(3);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      const owner = servers.find((span) => span.attributes['drs.gateway.request_id'] === call.clientRequestId)!;
      const [span] = client.filter((s) => s.spanContext().spanId === parseTraceparent(call.traceparent).spanId);
      expect(span!.parentSpanContext?.spanId).toBe(owner.spanContext().spanId);
    }
  });

  it('a retried attempt is a span of its own, with http.request.resend_count', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    h.sim.faults.set('batch-detail', '503,ok');
    const {
      server: servers,
      client,
      calls,
    } = await t.traced(async () => {
      expect((await t.post(ONE, { id })).body.errors).toBeUndefined();
    });
    expect(calls.map((call) => call.status)).toEqual([503, 200]);
    expect(servers).toHaveLength(1);
    expectChildrenSentToDrs(servers[0]!, client, calls);
    const [first, second] = client.sort(
      (a, b) => a.startTime[1] - b.startTime[1] + (a.startTime[0] - b.startTime[0]) * 1e9,
    );
    expect(first!.attributes).toMatchObject({ 'http.response.status_code': 503, 'error.type': '503' });
    expect(first!.attributes['http.request.resend_count']).toBeUndefined();
    expect(first!.status.code).toBe(SpanStatusCode.ERROR);
    expect(second!.attributes['http.request.resend_count']).toBe(1);
    expect(second!.status.code).toBe(SpanStatusCode.UNSET);
    expect(servers[0]!.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('an operation with errors: the server span carries their codes, the client span DRS’s code, no message', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    h.sim.faults.set('batch-detail', '500');
    const {
      server: servers,
      client,
      calls,
    } = await t.traced(async () => {
      const res = await t.post(ONE, { id });
      expect(res.body.errors[0].extensions.code).toBe('UPSTREAM_ERROR');
    });
    expect(calls).toHaveLength(1);
    expect(servers[0]!.status).toEqual({ code: SpanStatusCode.ERROR });
    expect(servers[0]!.attributes['drs.gateway.error_codes']).toEqual(['UPSTREAM_ERROR']);
    expect(client[0]!.attributes).toMatchObject({ 'error.type': '500', 'drs.error_code': 'DRS.M00004' });
    expect(client[0]!.status).toEqual({ code: SpanStatusCode.ERROR });
  });

  it("a caller's traceparent becomes the server span's parent (fast path and GET)", async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parentId = '00f067aa0ba902b7';
    const [id] = h.sim.jobIds(h.projectId, 1);
    const traceparent = `00-${traceId}-${parentId}-01`;
    const viaPost = await t.traced(async () => {
      await t.post(ONE, { id }, { traceparent });
    });
    const viaGet = await t.traced(async () => {
      const url = new URL('http://gateway/graphql');
      url.searchParams.set('query', `query ViaGet { job(id: "${id}") { id } }`);
      const res = await h.fetch(url, { headers: { accept: 'application/json', traceparent } });
      expect(((await res.json()) as any).data.job.id).toBe(id);
    });
    for (const { server: servers, client, calls } of [viaPost, viaGet]) {
      expect(servers).toHaveLength(1);
      const [span] = servers as [ReadableSpan];
      expect(span.spanContext().traceId).toBe(traceId);
      expect(span.parentSpanContext).toMatchObject({ traceId, spanId: parentId, isRemote: true });
      expectChildrenSentToDrs(span, client, calls);
    }
    expect(viaGet.server[0]!.name).toBe('query ViaGet');
  });

  it('a federation router’s _entities request gets its span', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const query = 'query Entities($r: [_Any!]!) { _entities(representations: $r) { ... on Job { id name } } }';
    const {
      server: servers,
      client,
      calls,
    } = await t.traced(async () => {
      const res = await t.post(query, { r: [{ __typename: 'Job', id }] });
      expect(res.body.data._entities[0].id).toBe(id);
    });
    expect(servers.map((span) => span.name)).toEqual(['query Entities']);
    expectChildrenSentToDrs(servers[0]!, client, calls);
  });

  it('no span carries the token, the project id, a job id or a variable', () => {
    expect(t.exporter.getFinishedSpans().length).toBeGreaterThan(15);
    t.expectNoSecrets();
  });
});

describe('tracing off', () => {
  it('is off unless an OTLP endpoint is set', () => {
    expect(loadConfig({}).tracing).toBeUndefined();
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' }).tracing).toEqual({
      tracesUrl: 'http://collector:4318/v1/traces',
      serviceName: 'drs-graphql-gateway',
    });
    expect(
      loadConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/otlp/',
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://traces.example/api/spans',
        OTEL_SERVICE_NAME: 'drs-gw-eu',
      }).tracing,
    ).toEqual({ tracesUrl: 'https://traces.example/api/spans', serviceName: 'drs-gw-eu' });
    expect(loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318/otlp/' }).tracing?.tracesUrl).toBe(
      'http://collector:4318/otlp/v1/traces',
    );
    // The value is not echoed: it may hold a collector key.
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318?key=s3cret' })).toThrow(
      /^OTEL_EXPORTER_OTLP_ENDPOINT must be an absolute http:\/\/ or https:\/\/ URL such as [^?]*$/,
    );
  });

  it('without the plugin and observer: no span and no traceparent to DRS', async () => {
    const off = await startHarness({ DRS_BATCH_SIZE: '10' });
    try {
      const before = t.exporter.getFinishedSpans().length;
      const ids = off.sim.jobIds(off.projectId, 12);
      const res = await off.gql(DASHBOARD, { ids });
      expect(res.data.jobs).toHaveLength(12);
      expect(off.calls()).toHaveLength(4);
      for (const call of off.calls()) expect(call.traceparent).toBeUndefined();
      expect(t.exporter.getFinishedSpans().slice(before)).toEqual([]);
    } finally {
      await off.close();
    }
  });
});
