import type { RequestListener } from 'node:http';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { createYoga } from 'graphql-yoga';
import { useBodyLimit } from './body-limit.js';
import type { Config } from './config.js';
import { type ContextDeps, createContext, gatewayAuth } from './context.js';
import type { DrsClient } from './drs/client.js';
import { maskError } from './errors.js';
import { exampleQuery } from './example-query.js';
import { usePlannedExecution } from './execution/plugin.js';
import { type FastPathListener, fastPathListener } from './fast-path.js';
import { useGraphiQLPage } from './graphiql-page.js';
import { ProgressHub } from './live/progress-hub.js';
import { createLogger } from './logger.js';
import { loadPersistedOperations } from './persisted-operations.js';
import { LastDrsAnswer } from './readiness/last-answer.js';
import { useReadiness } from './readiness/plugin.js';
import { Readiness } from './readiness/readiness.js';
import { schema } from './schema/index.js';
import { requestOf, type WsContext } from './ws.js';

export interface AppOptions {
  config: Config;
  drs: DrsClient;
  /** Project every request uses (DRS_PROJECT_ID, or the embedded simulator's). */
  projectId: string;
  /** Job ids that GraphiQL's example query opens with. */
  exampleJobIds?: readonly string[];
  /** The observer given to `drs` that remembers its last answers; without it readiness always probes. */
  lastAnswer?: LastDrsAnswer;
}

const GRAPHQL_ENDPOINT = '/graphql';

/** Headers a browser client may send: its own DRS token, project and language. */
const CLIENT_HEADERS = ['content-type', 'x-auth-token', 'x-project-id', 'x-language'];

/** Builds the GraphQL server; it never listens (see main.ts), so tests drive it through `yoga.fetch`. */
export function createApp(options: AppOptions) {
  return createGateway(options).yoga;
}

export interface Gateway {
  yoga: App;
  /** What a Node HTTP server runs: plain JSON query POSTs on the fast path, all else through yoga. */
  listener: RequestListener;
  /** Requests the listener answered on the fast path and through yoga (both 0 with the fast path off). */
  served: FastPathListener['served'];
  /** GET /readiness; `shutDown()` turns it to 503 (main.ts calls it first on SIGTERM). */
  readiness: Pick<Readiness, 'shutDown' | 'check'>;
}

/** The yoga server and the Node request listener in front of it, sharing one context setup. */
export function createGateway(options: AppOptions): Gateway {
  const { config, drs, projectId, exampleJobIds = [] } = options;
  const readiness = new Readiness({
    drs,
    lastAnswer: options.lastAnswer ?? new LastDrsAnswer(),
    // The probe asks as the gateway itself: its own credential, or none (APIG's 401 is an answer too).
    probeAs: { projectId, auth: gatewayAuth(config), language: config.language },
    ttlMs: config.readiness.probeTtlMs,
    probeTimeoutMs: config.readiness.probeTimeoutMs,
  });
  const hub = new ProgressHub({ drs, intervalMs: config.pollIntervalMs, batchSize: config.batchSizes.progress });
  const contextDeps: ContextDeps = { drs, hub, config, projectId };
  const persisted = config.persistedOperationsFile
    ? loadPersistedOperations(config.persistedOperationsFile)
    : undefined;
  const yoga = createYoga<WsContext>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    // Replaced by useBodyLimit: the same cap, without piping every body through a stream transform.
    maxRequestBodySize: false,
    healthCheckEndpoint: '/health',
    landingPage: false,
    maskedErrors: { maskError },
    logging: createLogger(config.logLevel),
    // GraphiQL is served by useGraphiQLPage (rendered once, compressed, revalidated by ETag).
    graphiql: false,
    // Answers are made with the gateway's own DRS credentials when the caller sends none, so no other
    // origin may read them unless CORS_ORIGINS lets it (yoga's default would allow every origin).
    cors: config.corsOrigins
      ? { origin: config.corsOrigins, methods: ['GET', 'POST'], allowedHeaders: CLIENT_HEADERS, maxAge: 600 }
      : false,
    plugins: [
      useReadiness(readiness),
      ...(config.graphiql
        ? [
            useGraphiQLPage(GRAPHQL_ENDPOINT, {
              title: 'DRS GraphQL gateway',
              defaultQuery: exampleQuery(exampleJobIds),
            }),
          ]
        : []),
      useBodyLimit(config.maxRequestBytes),
      ...(config.executor === 'planned' ? [usePlannedExecution()] : []),
      ...(persisted
        ? [
            usePersistedOperations({
              getPersistedOperation: (id) => persisted.get(id) ?? null,
              allowArbitraryOperations: !config.persistedOperationsOnly,
            }),
          ]
        : []),
    ],
    context: (initial) => createContext(requestOf(initial), contextDeps),
  });
  // The fast path answers as yoga with exactly the plugins above would; a plugin that takes part in
  // plain queries (persisted operations) or another executor keeps every request on yoga.
  const fast = config.fastPath && config.executor === 'planned' && !persisted;
  if (!fast) return { yoga, listener: yoga, served: { fast: 0, yoga: 0 }, readiness };
  const listener = fastPathListener(yoga, {
    schema,
    context: contextDeps,
    endpoint: GRAPHQL_ENDPOINT,
    maxRequestBytes: config.maxRequestBytes,
    corsConfigured: config.corsOrigins !== undefined,
  });
  return { yoga, listener, served: listener.served, readiness };
}

export type App = ReturnType<typeof createYoga<WsContext>>;
