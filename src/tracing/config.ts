import { ConfigError } from '../config-env.js';

/** Where and as what the gateway sends its traces; `undefined` in `Config` means tracing is off. */
export interface TracingConfig {
  /** OTLP/HTTP (JSON) traces URL, e.g. `http://otel-collector:4318/v1/traces`. */
  readonly tracesUrl: string;
  /** `service.name` of every span (OTEL_SERVICE_NAME). */
  readonly serviceName: string;
}

export const DEFAULT_SERVICE_NAME = 'drs-graphql-gateway';

/**
 * Tracing is on when either OTLP endpoint variable is set. As the OTLP exporter specification says,
 * the traces-specific URL is used as given and the general one gets `v1/traces` appended.
 */
export function tracingConfig(given: {
  endpoint: string | undefined;
  tracesEndpoint: string | undefined;
  serviceName: string | undefined;
}): TracingConfig | undefined {
  const { endpoint, tracesEndpoint, serviceName } = given;
  let tracesUrl: string;
  if (tracesEndpoint !== undefined) tracesUrl = httpUrl('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', tracesEndpoint).href;
  else if (endpoint !== undefined) {
    const base = httpUrl('OTEL_EXPORTER_OTLP_ENDPOINT', endpoint).href;
    tracesUrl = `${base}${base.endsWith('/') ? '' : '/'}v1/traces`;
  } else return undefined;
  return Object.freeze({ tracesUrl, serviceName: serviceName ?? DEFAULT_SERVICE_NAME });
}

function httpUrl(name: string, raw: string): URL {
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  // The value is not echoed: a collector URL may carry a key in its user info or query.
  if (parsed === undefined || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) {
    throw new ConfigError(`${name} must be an absolute http:// or https:// URL such as http://otel-collector:4318`);
  }
  return parsed;
}
