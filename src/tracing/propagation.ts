import { type Context, context, defaultTextMapSetter, type TextMapGetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/** W3C trace context only (no baggage: nothing a caller puts there should ride along to DRS). */
const w3c = new W3CTraceContextPropagator();

type HeaderReader = Pick<Headers, 'get'>;

const headerGetter: TextMapGetter<HeaderReader> = {
  get: (carrier, key) => carrier.get(key) ?? undefined,
  // The W3C propagator asks for its two headers by name; it never lists them.
  keys: () => [],
};

/** The active context, with the caller's `traceparent`/`tracestate` as the remote parent when sent. */
export function callerContext(headers: HeaderReader): Context {
  return w3c.extract(context.active(), headers, headerGetter);
}

/** Writes `traceparent` (and `tracestate`) for the span of `within` into an outgoing request's headers. */
export function injectTraceHeaders(within: Context, headers: Record<string, string>): void {
  w3c.inject(within, headers, defaultTextMapSetter);
}
