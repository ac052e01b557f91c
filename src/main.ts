import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createGateway } from './app.js';
import { anonymousWarning } from './auth/warning.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DrsClient } from './drs/client.js';
import { createDispatcher } from './drs/dispatcher.js';
import { loadDotEnv } from './env-file.js';
import { listenOrExit } from './listen.js';
import { createLogger, drsLogObserver } from './logging/index.js';
import { bannerLines } from './start-banner.js';

interface Upstream {
  endpoint: string;
  projectId: string;
  authToken: string | undefined;
  exampleJobIds: string[];
  close(): Promise<void>;
}

/** Real DRS when DRS_ENDPOINT is set; otherwise a simulator in this process sharing a fresh token. */
async function upstreamFor(config: Config): Promise<Upstream> {
  if (config.drsEndpoint !== undefined) {
    return {
      endpoint: config.drsEndpoint,
      projectId: config.projectId as string,
      authToken: config.authToken,
      exampleJobIds: [],
      close: async () => {},
    };
  }
  // The process entry is the one place in src/ allowed to import the simulator (the embedded
  // default), and only when it is used.
  const { defaultProjects } = await import('../simulator/data/projects.js');
  const { startSimulator } = await import('../simulator/http/server.js');
  // Stable seeded projects (so job ids survive restarts), but a token nobody else knows.
  const projects = defaultProjects(1).map((project) => ({
    ...project,
    token: `MIIgw-${randomBytes(24).toString('hex')}`,
  }));
  // No admin routes behind the embedded default: nothing may script faults into it or read its log.
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, projects, admin: false });
  const project = sim.projects[0]!;
  return {
    endpoint: sim.url,
    projectId: project.projectId,
    authToken: project.token,
    // A first look should show live jobs: skip seeded ids that DRS would report as released.
    exampleJobIds: sim
      .jobIds(project.projectId, 12)
      .filter((id) => sim.jobDetail(project.projectId, id).error_code === undefined)
      .slice(0, 5),
    close: () => sim.close(),
  };
}

async function main(): Promise<void> {
  let config: Config;
  let dotEnv: boolean;
  try {
    dotEnv = loadDotEnv();
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // No configuration, so no configured logger: the defaults' (JSON unless stdout is a terminal).
    createLogger({ logLevel: 'error', logFormat: 'auto' }).error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  const logger = createLogger(config);
  const upstream = await upstreamFor(config);
  const dispatcher = createDispatcher(config);
  // Off unless an OTLP endpoint is configured: then no plugin, no observer, and the SDK is not even loaded.
  const tracing = config.tracing && (await import('./tracing/sdk.js')).startTracing(config.tracing);
  const drs = DrsClient.fromConfig(config, upstream.endpoint, dispatcher);
  drs.observe(drsLogObserver(logger));
  if (tracing) drs.observe(tracing.observer);
  const gateway = createGateway({
    config: { ...config, authToken: upstream.authToken },
    drs,
    projectId: upstream.projectId,
    exampleJobIds: upstream.exampleJobIds,
    logger,
    plugins: tracing ? [tracing.plugin] : [],
  });
  const server = gateway.serve();
  await listenOrExit(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  // The banner is log lines too: readable with LOG_FORMAT=pretty, one JSON object each otherwise.
  const banner = bannerLines(config, {
    url: `http://${shownHost}:${port}/graphql`,
    simulatorUrl: config.drsEndpoint === undefined ? upstream.endpoint : undefined,
    projectId: upstream.projectId,
    exampleJobIds: upstream.exampleJobIds,
    dotEnv,
  });
  const [first, ...rest] = banner;
  if (first) logger.info(first);
  const warning = anonymousWarning(config, upstream.authToken, `${config.host}:${port}`);
  if (warning) logger.warn(warning);
  for (const line of rest) logger.info(line);
  // The first IAM token now, not on the first query: a wrong password shows in the start-up lines (iam-credential.ts).
  gateway.iam?.token().catch(() => {});
  // METRICS_PORT: /metrics on a listener of its own, e.g. reachable only from inside the cluster.
  const metricsServer = gateway.serveMetrics();
  if (metricsServer) {
    await listenOrExit(metricsServer, config.metrics.port ?? 0, config.host, 'METRICS_PORT');
    const { port: metricsPort } = metricsServer.address() as AddressInfo;
    logger.info(`Metrics at http://${shownHost}:${metricsPort}/metrics`);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Readiness 503 first, then drain (SHUTDOWN_DELAY_MS, SHUTDOWN_TIMEOUT_MS: src/gateway/serving.ts).
    await gateway.shutdown();
    await upstream.close();
    // Ended operations' spans are still buffered: send them before exiting.
    await tracing
      ?.shutdown()
      .catch((error: unknown) => logger.warn({ err: error }, 'tracing: the final export failed'));
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
