import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../simulator/http/server.js';
import { type App, type AppOptions, createGateway, type Gateway } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { DrsClient, type DrsObserver } from '../../src/drs/client.js';
import { createDispatcher } from '../../src/drs/dispatcher.js';
import { createLogger, drsLogObserver } from '../../src/logging/index.js';

export interface GraphQLResponse<T = any> {
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface Harness {
  sim: Simulator;
  /** The gateway's yoga server (tests reach it over HTTP through `listener`, as production does). */
  yoga: App;
  /** What src/main.ts serves: the fast path in front of yoga. */
  listener: RequestListener;
  /**
   * How many requests the gateway answered on its fast path and through yoga so far, read from its
   * /metrics (drs_gateway_http_requests_total), so it needs METRICS on and on the main port.
   */
  served(): Promise<{ fast: number; yoga: number }>;
  /** What METRICS_PORT would serve (src/main.ts listens on it); undefined without METRICS_PORT. */
  metricsListener: RequestListener | undefined;
  /** GET /readiness's state, to shut it down as SIGTERM would. */
  readiness: Gateway['readiness'];
  /** What this gateway shares with other replicas (memory, or Redis with REDIS_URL). */
  sharedState: Gateway['sharedState'];
  /**
   * Serves the gateway as src/main.ts does (HTTP and graphql-ws), or another listener, on a free
   * loopback port; `close` ends its connections too.
   */
  listen(listener?: RequestListener): Promise<Listening>;
  projectId: string;
  token: string;
  /** The GraphQL endpoint of `listener`, served on a free loopback port for the harness's life. */
  url: string;
  /** graphql-ws on the same port and path (`ws://…/graphql`). */
  wsUrl: string;
  /** `fetch` against that port; a URL of host `gateway` (`http://gateway/graphql?…`) is sent there. */
  fetch(input: string | URL, init?: RequestInit): Promise<Response>;
  /** Runs one operation over HTTP through the production listener and returns the parsed body. */
  gql<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Like `gql`, but leaves the call log alone (for concurrent requests). */
  gqlRaw<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T>>;
  /** Like `gql`, but the body exactly as sent (to compare bytes, key order included). */
  gqlText(query: string, variables?: Record<string, unknown>): Promise<{ status: number; text: string }>;
  /** Calls the simulator logged since the last `gql`/`resetCalls`, filtered to one API. */
  calls(api?: string): Simulator['calls'];
  /** The gateway's configuration (defaults plus the test's environment). */
  config: Config;
  close(): Promise<void>;
}

/** A simulator on a free port and a gateway pointed at it, as a user would configure one. */
export async function startHarness(
  /** Extra environment; a function of the simulator when a value needs its URL or users. */
  env: Record<string, string> | ((sim: Simulator) => Record<string, string>) = {},
  simOptions: SimulatorOptions = {},
  gatewayOptions: Pick<AppOptions, 'plugins' | 'logger'> & {
    observer?: DrsObserver;
    /** A running simulator to share (a second replica's harness): not started, and not closed by `close`. */
    sim?: Simulator;
    /** Judge IAM token lifetimes by the simulator's clock (`sim.clock.advance` then ages them). */
    simulatorClock?: boolean;
  } = {},
): Promise<Harness> {
  // No randomly "released" jobs unless a test asks for them: seeded ids then always resolve.
  // A manual clock keeps job progress still unless a test moves it.
  const { observer, sim: shared, simulatorClock, ...appOptions } = gatewayOptions;
  const sim = shared ?? (await startSimulator({ port: 0, releasedRate: 0, clock: 'manual', ...simOptions }));
  const project = sim.projects[0]!;
  const config = loadConfig({
    DRS_ENDPOINT: sim.url,
    DRS_PROJECT_ID: project.projectId,
    DRS_AUTH_TOKEN: project.token,
    DRS_BATCH_SIZE: '10',
    LOG_LEVEL: 'error',
    // Tests count every DRS call of each query: cached rows and collapsed calls only where a test asks.
    DRS_CACHE: 'off',
    DRS_COLLAPSE: 'false',
    ...(typeof env === 'function' ? env(sim) : env),
  });
  const dispatcher = createDispatcher(config);
  // One logger for the gateway and its DRS client, as src/main.ts builds them (a test may pass its own).
  const logger = appOptions.logger ?? createLogger(config);
  const drs = DrsClient.fromConfig(config, sim.url, dispatcher);
  drs.observe(drsLogObserver(logger));
  if (observer) drs.observe(observer);
  const gateway = createGateway({
    config,
    drs,
    projectId: project.projectId,
    ...appOptions,
    logger,
    ...(simulatorClock ? { now: () => sim.clock.now() } : {}),
  });
  const { yoga, listener, metricsListener, readiness } = gateway;
  const server = await listening(gateway.serve());
  const origin = new URL(server.url).origin;
  const fetchGateway: Harness['fetch'] = (input, init) =>
    fetch(String(input).replace(/^http:\/\/gateway(?=\/)/, origin), init);
  const gqlRaw: Harness['gqlRaw'] = async (query, variables, headers = {}) => {
    const response = await fetchGateway('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  };
  const served: Harness['served'] = async () => {
    const text = await (await fetchGateway('http://gateway/metrics')).text();
    const count = (handler: string) => {
      const found = text.match(new RegExp(`^drs_gateway_http_requests_total\\{handler="${handler}"\\} (\\d+)$`, 'm'));
      if (!found)
        throw new Error('served() reads /metrics on the main port: this harness has METRICS off or on METRICS_PORT');
      return Number(found[1]);
    };
    return { fast: count('fast'), yoga: count('yoga') };
  };
  return {
    sim,
    yoga,
    listener,
    served,
    metricsListener,
    readiness,
    sharedState: gateway.sharedState,
    listen: (other) => (other ? listenOn(other) : listening(gateway.serve())),
    projectId: project.projectId,
    token: project.token,
    url: server.url,
    wsUrl: server.url.replace(/^http:/, 'ws:'),
    fetch: fetchGateway,
    gql(query, variables, headers) {
      sim.resetCalls();
      return gqlRaw(query, variables, headers);
    },
    gqlRaw,
    async gqlText(query, variables) {
      sim.resetCalls();
      const response = await fetchGateway('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, text: await response.text() };
    },
    calls: (api) => sim.calls.filter((call) => api === undefined || call.api === api),
    config,
    async close() {
      // Every server `serve()` made (this one and `listen()`'s), shared state and the dispatcher.
      await gateway.close();
      if (shared === undefined) await sim.close();
    },
  };
}

export interface Listening {
  /** The served listener's GraphQL endpoint. */
  url: string;
  close(): Promise<void>;
}

/** Serves a Node request listener (nothing else) on a free loopback port; `close` ends its connections too. */
export function listenOn(listener: RequestListener): Promise<Listening> {
  return listening(createServer(listener));
}

/** Listens with `server` on a free loopback port; `close` cuts its connections (WebSockets too) and closes it. */
async function listening(server: Server): Promise<Listening> {
  // Upgraded sockets leave the server's HTTP connections, but it waits for them to close.
  const upgraded = new Set<Duplex>();
  server.on('upgrade', (_req, socket: Duplex) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of upgraded) socket.destroy();
        server.close(() => resolve());
      });
    },
  };
}
