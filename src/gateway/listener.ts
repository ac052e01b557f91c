import type { RequestListener } from 'node:http';
import { withAllowedHosts } from '../allowed-hosts.js';
import type { Config } from '../config.js';
import { fastPathListener, type Handled } from '../fast-path.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { withRequestId } from '../request-id.js';
import { type App, GRAPHQL_ENDPOINT } from './yoga.js';

/**
 * The Node request listener in front of yoga. Every request gets its id first; plain JSON query POSTs
 * then skip only yoga's Fetch adaptation, never its plugins (fast-path.ts); metrics time every request.
 */
export function gatewayListener(yoga: App, config: Config, metrics: GatewayMetrics | undefined): RequestListener {
  const timed = metrics ? metrics.wrap : (listener: RequestListener) => listener;
  const front = (listener: RequestListener) => timed(withAllowedHosts(withRequestId(listener), config.allowedHosts));
  if (!config.fastPath) return front(metrics ? countedYoga(yoga, metrics.handled) : yoga);
  const rules = {
    endpoint: GRAPHQL_ENDPOINT,
    maxRequestBytes: config.maxRequestBytes,
    corsConfigured: config.corsOrigins !== undefined,
  };
  return front(fastPathListener(yoga, rules, metrics?.handled));
}

/** HTTP_FAST_PATH=false: yoga answers every request, and the handler series says so. */
function countedYoga(yoga: App, handled: Handled): RequestListener {
  return (req, res) => {
    handled.yoga++;
    yoga(req, res);
  };
}
