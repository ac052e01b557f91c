import { context, SpanKind } from '@opentelemetry/api';
// The context manager NodeTracerProvider.register() installs in production (a dependency of sdk-trace-node).
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  BasicTracerProvider,
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { expect } from 'vitest';
import { createTracing } from '../../src/tracing/tracing.js';
import { type Harness, startHarness } from './harness.js';

type Calls = Harness['sim']['calls'];

/** A harness traced on a provider of its own whose spans stay in memory (not the global provider). */
export interface TracedHarness {
  h: Harness;
  exporter: InMemorySpanExporter;
  /** Spans that ended during `run`, by kind, with the simulator's calls meanwhile. */
  traced(run: () => Promise<void>): Promise<{ server: ReadableSpan[]; client: ReadableSpan[]; calls: Calls }>;
  /** A POST over HTTP (the fast path); its variables and headers are remembered for `expectNoSecrets`. */
  post(
    query: string,
    variables: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<{ requestId: string; body: any }>;
  /** No span name or attribute holds the token, the project id, a job id, a variable or a header sent. */
  expectNoSecrets(): void;
  close(): Promise<void>;
}

export async function startTracedHarness(env: Record<string, string>): Promise<TracedHarness> {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  // The active span lives in AsyncLocalStorage, which OpenTelemetry reaches through a global.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const tracing = createTracing(provider);
  const h = await startHarness(env, {}, { plugins: [tracing.plugin], observer: tracing.observer });
  const sent: string[] = [];
  return {
    h,
    exporter,
    async traced(run) {
      await provider.forceFlush();
      const before = exporter.getFinishedSpans().length;
      h.sim.resetCalls();
      await run();
      await provider.forceFlush();
      const spans = exporter.getFinishedSpans().slice(before);
      return {
        server: spans.filter((span) => span.kind === SpanKind.SERVER),
        client: spans.filter((span) => span.kind === SpanKind.CLIENT),
        calls: [...h.sim.calls],
      };
    },
    async post(query, variables, headers = {}) {
      sent.push(...Object.values(variables).flat().map(String), ...Object.values(headers));
      const response = await h.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      return { requestId: response.headers.get('x-request-id')!, body: await response.json() };
    },
    expectNoSecrets() {
      const secrets = [h.token, h.projectId, ...h.sim.jobIds(h.projectId, 100), ...sent];
      for (const span of exporter.getFinishedSpans()) {
        const values = [span.name, ...Object.values(span.attributes).flat().map(String)];
        for (const value of values) for (const secret of secrets) expect(value).not.toContain(secret);
        expect(Object.keys(span.attributes)).not.toContain('url.full');
      }
    },
    async close() {
      await h.close();
      await provider.shutdown();
      context.disable();
    },
  };
}

/** `00-{trace id}-{span id}-{flags}` → its ids. */
export function parseTraceparent(header: string | undefined): { traceId: string; spanId: string } {
  const match = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(header ?? '');
  expect(match, `traceparent ${header}`).not.toBeNull();
  return { traceId: match![1]!, spanId: match![2]! };
}

/** Every client span is a child of `parent` and matches, one to one, the traceparent DRS received. */
export function expectChildrenSentToDrs(parent: ReadableSpan, client: ReadableSpan[], calls: Calls): void {
  expect(client).toHaveLength(calls.length);
  const byId = new Map(client.map((span) => [span.spanContext().spanId, span]));
  for (const call of calls) {
    const { traceId, spanId } = parseTraceparent(call.traceparent);
    const span = byId.get(spanId);
    expect(span, `a client span for ${call.api}`).toBeDefined();
    byId.delete(spanId);
    expect(traceId).toBe(parent.spanContext().traceId);
    expect(span!.spanContext().traceId).toBe(traceId);
    expect(span!.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
    expect(span!.attributes['drs.api']).toBe(call.api);
    expect(span!.attributes['http.response.status_code']).toBe(call.status);
  }
}
