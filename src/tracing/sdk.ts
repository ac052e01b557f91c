import { DiagConsoleLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { TracingConfig } from './config.js';
import { createTracing, type Tracing } from './tracing.js';

export interface ProcessTracing extends Tracing {
  /** Exports the spans still buffered and stops; call once, when the process stops. */
  shutdown(): Promise<void>;
}

/**
 * The process's tracing: spans batched to an OTLP/HTTP collector. Registering the provider installs
 * the AsyncLocalStorage context manager that carries the active span across awaits, timers and
 * DataLoader's ticks. Sampling is the SDK's, from OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG
 * (default: parent-based, always on); batching from OTEL_BSP_*; collector headers (an API key) from
 * OTEL_EXPORTER_OTLP_HEADERS; extra resource attributes from OTEL_RESOURCE_ATTRIBUTES.
 */
export function startTracing(config: TracingConfig): ProcessTracing {
  // An unreachable collector or a rejected export is worth a line on stderr; the SDK's chatter is not.
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
  const resource = defaultResource()
    .merge(detectResources({ detectors: [envDetector] }))
    .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: config.serviceName }));
  const provider = new NodeTracerProvider({
    resource,
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: config.tracesUrl }))],
  });
  provider.register();
  return { ...createTracing(provider), shutdown: () => provider.shutdown() };
}
