import type { TracerProvider } from '@opentelemetry/api';
import type { Plugin } from 'graphql-yoga';
import type { DrsObserver } from '../drs/observer.js';
import { drsSpanObserver } from './drs-spans.js';
import { useOperationSpans } from './operation-spans.js';

/** Instrumentation scope of every span the gateway makes. */
export const TRACER_NAME = 'drs-graphql-gateway';

/** What traces a gateway: a yoga plugin for `createGateway` and an observer for `DrsClient.fromConfig`. */
export interface Tracing {
  plugin: Plugin;
  observer: DrsObserver;
}

/**
 * Tracing on the given provider: the process's OTLP one (sdk.ts), or a test's own provider and
 * in-memory exporter. Spans are made through this provider, never the global one; only the active
 * context (which OpenTelemetry keeps globally, in AsyncLocalStorage) is shared.
 */
export function createTracing(provider: TracerProvider): Tracing {
  const tracer = provider.getTracer(TRACER_NAME);
  return { plugin: useOperationSpans(tracer), observer: drsSpanObserver(tracer) };
}
