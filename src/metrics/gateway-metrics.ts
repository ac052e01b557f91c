import type { RequestListener } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { Counter, Gauge, Registry } from 'prom-client';
import type { CacheLookupListener } from '../cache/row-cache.js';
import type { MetricsConfig } from '../config.js';
import type { DrsClient } from '../drs/client.js';
import type { IamTokenSource } from '../drs/iam-token.js';
import type { Handled } from '../fast-path.js';
import type { ProgressHub } from '../live/progress-hub.js';
import type { SharedState } from '../shared-state/types.js';
import { cacheMetrics } from './cache.js';
import { drsMetrics } from './drs.js';
import { useGraphQLMetrics } from './graphql.js';
import { handlerMetrics, httpMetrics, routeOf, serveMetrics } from './http.js';
import { iamMetrics } from './iam.js';
import { processRegistry } from './process.js';
import { sharedStateMetrics } from './shared-state.js';

/** Budgets whose refusals are counted (the `budget` label's values). */
export type Budget = 'job_ids';

export interface GatewayMetrics {
  /** The yoga/envelop plugin that records operations, on every transport. */
  plugin: Plugin;
  /** Wraps the gateway's listener: times every request, and answers /metrics unless METRICS_PORT is set. */
  wrap(listener: RequestListener): RequestListener;
  /** What METRICS_PORT serves (/metrics, 404 otherwise); undefined when /metrics is on the main port. */
  listener: RequestListener | undefined;
  budgetRefused(budget: Budget): void;
  /** Counts row cache lookups (drs_cache_requests_total). */
  cacheLookup: CacheLookupListener;
  /** The listener counts here which side answered each request (drs_gateway_http_requests_total). */
  handled: Handled;
}

/**
 * One gateway's metrics, in a registry of its own (not prom-client's global one, so gateways in one
 * process never collide), scraped together with the process-wide default metrics. The DRS client
 * reports into it through an observer added here.
 */
export function createMetrics(
  config: MetricsConfig,
  drs: DrsClient,
  hub: ProgressHub,
  shared?: SharedState,
  iam?: IamTokenSource,
): GatewayMetrics {
  const registry = new Registry();
  const registers = [registry];
  drs.observe(drsMetrics(registry, drs));
  if (shared) sharedStateMetrics(registry, shared);
  const cacheLookup = cacheMetrics(registry);
  if (iam) iamMetrics(registry, iam);
  new Gauge({
    name: 'drs_gateway_live_poll_groups',
    help: 'Live-progress poll loops running (one per credential and project watched)',
    registers,
    collect() {
      this.set(hub.activeGroups);
    },
  });
  new Gauge({
    name: 'drs_gateway_live_poll_groups_polling',
    help: 'Live-progress poll groups this replica polls DRS for (alone, or as the leader with Redis); summed over replicas, polls per interval',
    registers,
    collect() {
      this.set(hub.pollingGroups);
    },
  });
  new Gauge({
    name: 'drs_gateway_live_subscribers',
    help: 'Live-progress subscriptions open',
    registers,
    collect() {
      this.set(hub.subscriberCount);
    },
  });
  const refusals = new Counter({
    name: 'drs_gateway_budget_refusals_total',
    help: 'Fields refused because the operation would exceed a budget (job_ids: MAX_IDS_PER_QUERY)',
    labelNames: ['budget'],
    registers,
  });
  refusals.inc({ budget: 'job_ids' }, 0);
  const registries = [registry, processRegistry()];
  const metricsOnly: RequestListener = (req, res) => {
    if (routeOf(req.url) === '/metrics') serveMetrics(registries, req, res);
    else res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
  };
  const timed = httpMetrics(registry);
  const handled = handlerMetrics(registry);
  const onMainPort = config.port === undefined;
  return {
    plugin: useGraphQLMetrics(registry, config.maxOperationNames),
    wrap(listener) {
      const served: RequestListener = onMainPort
        ? (req, res) => (routeOf(req.url) === '/metrics' ? serveMetrics(registries, req, res) : listener(req, res))
        : listener;
      return timed(served);
    },
    listener: onMainPort ? undefined : timed(metricsOnly),
    budgetRefused: (budget) => refusals.inc({ budget }),
    cacheLookup,
    handled,
  };
}
