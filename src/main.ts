import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway } from './app.js';
import { type Config, ConfigError, loadConfig } from './config.js';
import { DrsClient } from './drs/client.js';
import { createDispatcher } from './drs/dispatcher.js';
import { attachGraphQLWs } from './ws-server.js';

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
  const { defaultProjects } = await import('../simulator/projects.js');
  const { startSimulator } = await import('../simulator/server.js');
  // Stable seeded projects (so job ids survive restarts), but a token nobody else knows.
  const projects = defaultProjects(1).map((project) => ({
    ...project,
    token: `MIIgw-${randomBytes(24).toString('hex')}`,
  }));
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, projects });
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
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.message}`);
    process.exit(2);
  }
  const upstream = await upstreamFor(config);
  const dispatcher = createDispatcher(config);
  // Off unless an OTLP endpoint is configured: then no plugin, no observer, and the SDK is not even loaded.
  const tracing = config.tracing && (await import('./tracing/sdk.js')).startTracing(config.tracing);
  const warn = (message: string) => console.warn(message);
  const drs = DrsClient.fromConfig(config, upstream.endpoint, dispatcher, warn, tracing?.observer);
  const { yoga, listener } = createGateway({
    config: { ...config, authToken: upstream.authToken },
    drs,
    projectId: upstream.projectId,
    exampleJobIds: upstream.exampleJobIds,
    plugins: tracing ? [tracing.plugin] : [],
  });
  const server = createServer(listener);
  const closeWs = attachGraphQLWs(server, yoga);
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  console.log(`DRS GraphQL gateway: GraphiQL at http://${shownHost}:${port}/graphql`);
  if (config.drsEndpoint === undefined) {
    console.log(`Upstream: built-in DRS simulator at ${upstream.endpoint} (project ${upstream.projectId})`);
    console.log(`Some seeded job ids:\n  ${upstream.exampleJobIds.join('\n  ')}`);
  } else {
    console.log(`Upstream: ${upstream.endpoint} (project ${upstream.projectId})`);
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // Stop accepting, let in-flight operations finish, then release upstream resources.
    await closeWs();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await dispatcher.close();
    await upstream.close();
    // Ended operations' spans are still buffered: send them before exiting.
    await tracing?.shutdown().catch((error: unknown) => console.warn('[tracing] final export failed', error));
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

await main();
