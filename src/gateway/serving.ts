import { createServer, type RequestListener, type Server } from 'node:http';
import type { Dispatcher } from 'undici';
import type { Config } from '../config.js';
import type { Logger } from '../logging/index.js';
import { attachGraphQLWs } from '../ws-server.js';
import type { App } from './yoga.js';

export interface ServingDeps {
  yoga: App;
  listener: RequestListener;
  metricsListener: RequestListener | undefined;
  config: Pick<Config, 'maxRequestBytes' | 'corsOrigins' | 'allowedHosts' | 'shutdownDelayMs' | 'shutdownTimeoutMs'>;
  logger: Logger;
  /** Turns GET /readiness to 503, first thing on shutdown. */
  shutDownReadiness(): void;
  /** Ends every live-progress subscription with a proper end of stream. */
  endSubscriptions(): void;
  /** The DRS client's dispatcher: drained on shutdown, cut when operations outlive SHUTDOWN_TIMEOUT_MS. */
  dispatcher: Dispatcher;
  /** What else the gateway holds (shared state's connections), released last. */
  release(): Promise<void>;
}

/** How a gateway is served on Node HTTP servers, and how it stops. */
export interface Serving {
  /** Serves HTTP and graphql-ws (same port and path) on `server`, a new one by default; listening is the caller's. */
  serve(server?: Server): Server;
  /** Serves what METRICS_PORT serves on `server`; undefined (nothing to serve) when /metrics is off or on the main port. */
  serveMetrics(server?: Server): Server | undefined;
  /**
   * SIGTERM's drain: readiness 503 for SHUTDOWN_DELAY_MS, then stop accepting, end subscriptions and
   * idle connections, let operations finish for up to SHUTDOWN_TIMEOUT_MS and cut what is left (a hung
   * upstream must not hold the exit); then the metrics servers, the DRS dispatcher and shared state.
   */
  shutdown(): Promise<void>;
  /** Stops at once: every connection cut, then the dispatcher and shared state released (tests, benches). */
  close(): Promise<void>;
}

export function serving(deps: ServingDeps): Serving {
  const { config, logger, dispatcher } = deps;
  const served: { server: Server; closeWs: () => Promise<void> }[] = [];
  const metricsServers: Server[] = [];
  const closed = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
  const closeMetrics = async () => {
    // A scrape is short: end its keep-alive connections rather than wait for the scraper to.
    for (const server of metricsServers) server.closeAllConnections();
    await Promise.all(metricsServers.map(closed));
  };
  return {
    serve(server = createServer()) {
      server.on('request', deps.listener);
      const closeWs = attachGraphQLWs(server, deps.yoga, {
        maxPayloadBytes: config.maxRequestBytes,
        corsOrigins: config.corsOrigins,
        allowedHosts: config.allowedHosts,
      });
      served.push({ server, closeWs });
      return server;
    },
    serveMetrics(server = createServer()) {
      if (deps.metricsListener === undefined) return undefined;
      server.on('request', deps.metricsListener);
      metricsServers.push(server);
      return server;
    },
    async shutdown() {
      deps.shutDownReadiness();
      if (config.shutdownDelayMs > 0) await sleep(config.shutdownDelayMs);
      const stopped = Promise.all(served.map(({ server }) => closed(server)));
      deps.endSubscriptions();
      await Promise.all(served.map(({ closeWs }) => closeWs()));
      for (const { server } of served) server.closeIdleConnections();
      const cut = setTimeout(() => {
        logger.warn(
          `Shutdown: operations still running after SHUTDOWN_TIMEOUT_MS=${config.shutdownTimeoutMs}; closing them`,
        );
        for (const { server } of served) server.closeAllConnections();
        void dispatcher.destroy();
      }, config.shutdownTimeoutMs);
      await stopped;
      clearTimeout(cut);
      await closeMetrics();
      // A poll or probe may still wait on a hung DRS: give it the same time, then cut it.
      let late: NodeJS.Timeout | undefined;
      await Promise.race([
        dispatcher.close().catch(() => {}),
        new Promise<void>((resolve) => {
          late = setTimeout(() => dispatcher.destroy().then(resolve, resolve), config.shutdownTimeoutMs);
        }),
      ]);
      clearTimeout(late);
      await deps.release();
    },
    async close() {
      deps.endSubscriptions();
      for (const { server, closeWs } of served) {
        await closeWs();
        server.closeAllConnections();
        await closed(server);
      }
      await closeMetrics();
      await dispatcher.close().catch(() => {});
      await deps.release();
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
