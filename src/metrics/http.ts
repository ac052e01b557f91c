import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { Counter, Histogram, type Registry } from 'prom-client';
import type { Handled } from '../fast-path.js';
import { statusClass } from './drs.js';

/** The paths a label may name; every other path is `other` (a scanner's paths must not become series). */
const ROUTES = new Set(['/graphql', '/health', '/readiness', '/metrics']);
const METHODS = new Set(['GET', 'POST', 'OPTIONS', 'HEAD']);

/** The route label of a request target: its path when known, else `other`. */
export function routeOf(url: string | undefined): string {
  const path = (url ?? '').split('?', 1)[0]!;
  return ROUTES.has(path) ? path : 'other';
}

/**
 * A wrapper timing every HTTP request a listener serves, fast path or yoga, to the end of its answer
 * (a subscription stream's whole life). Its status class is `none` when the client left before any
 * answer. This sits in the Node listener because the fast path never runs yoga's onRequest/onResponse.
 * It listens for the answer's 'finish' and, until then, its socket's 'close' (a client leaving), not
 * for the answer's 'close': one more 'close' listener on every ServerResponse tripled the major GCs
 * of the dashboard bench (4 instead of 1 per 100 queries, bench/quick.ts), for no reason found.
 */
export function httpMetrics(registry: Registry): (listener: RequestListener) => RequestListener {
  const duration = new Histogram({
    name: 'drs_gateway_http_request_duration_seconds',
    help: 'HTTP requests to the gateway, by method, route and status class, and how long their answers took',
    labelNames: ['method', 'route', 'status_class'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return (listener) => (req, res) => {
    const started = performance.now();
    const socket = req.socket;
    const record = () => {
      socket.removeListener('close', record);
      res.removeListener('finish', record);
      duration.observe(
        {
          method: req.method && METHODS.has(req.method) ? req.method : 'other',
          route: routeOf(req.url),
          status_class: res.headersSent ? statusClass(res.statusCode) : 'none',
        },
        (performance.now() - started) / 1000,
      );
    };
    res.once('finish', record);
    socket.once('close', record);
    listener(req, res);
  };
}

/**
 * Which side answered each request: the fast path or yoga's own HTTP handling (src/fast-path.ts).
 * The listener adds to plain numbers, read at scrape time, so the per-request cost stays an increment.
 */
export function handlerMetrics(registry: Registry): Handled {
  const handled: Handled = { fast: 0, yoga: 0 };
  new Counter({
    name: 'drs_gateway_http_requests_total',
    help: "HTTP requests by what answered them: the fast path (plain JSON query POSTs) or yoga's HTTP handling",
    labelNames: ['handler'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ handler: 'fast' }, handled.fast);
      this.inc({ handler: 'yoga' }, handled.yoga);
    },
  });
  return handled;
}

/** Answers `GET /metrics` with the registries' series, in Prometheus text format. */
export function serveMetrics(registries: readonly Registry[], req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  Promise.all(registries.map((registry) => registry.metrics())).then(
    (texts) => {
      res.writeHead(200, { 'content-type': registries[0]!.contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : texts.join('\n'));
    },
    () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics collection failed\n'),
  );
}
