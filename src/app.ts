import type { RequestListener } from 'node:http';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { _createLRUCache, createYoga, type Plugin } from 'graphql-yoga';
import { withAllowedHosts } from './allowed-hosts.js';
import { createAuthenticator } from './auth/authenticate.js';
import { useBodyLimit } from './body-limit.js';
import { RowCache } from './cache/row-cache.js';
import { SharedCollapse } from './cache/shared-collapse.js';
import { useCodedErrors } from './coded-errors.js';
import type { Config } from './config.js';
import { type ContextDeps, createContext, gatewayAuth, requestOf, type WsContext } from './context.js';
import type { DrsClient } from './drs/client.js';
import type { IamTokenSource } from './drs/iam-token.js';
import { maskError } from './errors.js';
import { exampleQuery } from './example-query.js';
import { usePlannedExecution } from './execution/plugin.js';
import { fastPathListener, type Handled } from './fast-path.js';
import { useGraphiQLPage } from './graphiql-page.js';
import { createIamCredential } from './iam-credential.js';
import { useJsonPostsOnly } from './json-only.js';
import { useQueryLimits } from './limits/query-limits.js';
import { ProgressHub } from './live/progress-hub.js';
import { createLogger, type Logger, useOperationLog, yogaLogger } from './logging/index.js';
import { createMetrics } from './metrics/gateway-metrics.js';
import { loadPersistedOperations } from './persisted-operations.js';
import { LastDrsAnswer } from './readiness/last-answer.js';
import { useReadiness } from './readiness/plugin.js';
import { Readiness } from './readiness/readiness.js';
import { withRequestId } from './request-id.js';
import { schema } from './schema/index.js';
import { createSharedState, type SharedState } from './shared-state/index.js';

export interface AppOptions {
  config: Config;
  drs: DrsClient;
  /** Project every request uses (DRS_PROJECT_ID, or the embedded simulator's). */
  projectId: string;
  /** Job ids that GraphiQL's example query opens with. */
  exampleJobIds?: readonly string[];
  /** More envelop/yoga plugins, after the gateway's own; they see every transport's operations. */
  plugins?: readonly Plugin[];
  /** The process logger (main.ts's, which the DRS client's observer shares); default: one from config. */
  logger?: Logger;
  /** What replicas share; default: Redis when REDIS_URL is set, else memory (closed by `close()`). */
  sharedState?: SharedState;
  /** The clock IAM token lifetimes are judged by (default Date.now; tests pass the simulator's). */
  now?: () => number;
}

const GRAPHQL_ENDPOINT = '/graphql';
/** Distinct documents (and parse errors) kept parsed; dashboards send a few dozen at most. */
const DOCUMENT_CACHE_SIZE = 256;

/** Headers a browser client may send: its own DRS token, project and language, and its AUTH_MODE proof. */
const CLIENT_HEADERS = ['content-type', 'x-auth-token', 'x-project-id', 'x-language', 'authorization', 'x-api-key'];

/** The yoga server alone (bench and mapping tests); what production serves is `createGateway().listener`. */
export function createApp(options: AppOptions) {
  return createGateway(options).yoga;
}

export interface Gateway {
  yoga: App;
  /** What a Node HTTP server runs: plain JSON query POSTs on the fast path, all else through yoga. */
  listener: RequestListener;
  /** What METRICS_PORT serves (main.ts listens); undefined when /metrics is off or on the main port. */
  metricsListener: RequestListener | undefined;
  /** GET /readiness; `shutDown()` turns it to 503 (main.ts calls it first on SIGTERM). */
  readiness: Pick<Readiness, 'shutDown' | 'check'>;
  /** Ends every live-progress subscription with a proper end of stream (shutdown). */
  endSubscriptions(): void;
  /** Cache, locks, pub/sub and rate limits shared with other replicas (src/shared-state/). */
  sharedState: SharedState;
  /** Releases what the gateway holds beyond its listener (the Redis connections); after the listener closed. */
  close(): Promise<void>;
  /** The gateway's own IAM token (DRS_IAM_*), for main.ts to fetch at start; undefined without. */
  iam: IamTokenSource | undefined;
}

/** The yoga server and the Node request listener in front of it, sharing one context setup. */
export function createGateway({
  config,
  drs,
  projectId,
  exampleJobIds = [],
  plugins = [],
  logger = createLogger(config),
  sharedState = createSharedState(config.sharedState, logger),
  now = Date.now,
}: AppOptions): Gateway {
  const { rateLimitRps } = config.resilience;
  if (rateLimitRps > 0) drs.useRateLimit(sharedState.rateLimit(rateLimitRps));
  if (config.cache.collapse) drs.useCollapse(new SharedCollapse(sharedState, config.cache.collapseLockMs));
  const iam = createIamCredential(config, { dispatcher: drs.dispatcher, projectId, now, logger });
  // Readiness judges DRS by the client's last answers (an observer added to it), probing only when quiet.
  const lastAnswer = new LastDrsAnswer();
  drs.observe(lastAnswer);
  const readiness = new Readiness({
    drs,
    lastAnswer,
    // The probe asks as the gateway itself: its own credential, or none (APIG's 401 is an answer too).
    probeAs: { projectId, auth: gatewayAuth(config, iam), language: config.language },
    ttlMs: config.readiness.probeTtlMs,
    probeTimeoutMs: config.readiness.probeTimeoutMs,
    sharedState: () => sharedState.health(),
    iam,
  });
  const hub = new ProgressHub({ drs, intervalMs: config.pollIntervalMs, batchSize: config.batchSizes.progress });
  // Metrics: the DRS client's series through an observer added to it, yoga's through a plugin,
  // HTTP timing and /metrics in the listener (src/metrics/).
  const metrics = config.metrics.enabled ? createMetrics(config.metrics, drs, hub, sharedState, iam) : undefined;
  const contextDeps: ContextDeps = {
    drs,
    hub,
    config,
    projectId,
    authenticate: createAuthenticator(config.auth),
    logger,
    iam,
    onJobBudgetRefused: metrics && (() => metrics.budgetRefused('job_ids')),
    rowCache: config.cache.enabled ? new RowCache(sharedState, config.cache, metrics?.cacheLookup) : undefined,
  };
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
    // Parsed documents and parse errors are kept by query text: bounded in count here, and in size by
    // MAX_QUERY_BYTES, so varied hostile queries cannot fill the heap through the caches.
    parserAndValidationCache: {
      documentCache: _createLRUCache({ max: DOCUMENT_CACHE_SIZE }),
      errorCache: _createLRUCache({ max: DOCUMENT_CACHE_SIZE }),
      validationCache: true,
    },
    logging: yogaLogger(logger),
    // GraphiQL is served by useGraphiQLPage (rendered once, compressed, revalidated by ETag).
    graphiql: false,
    // Answers are made with the gateway's own DRS credentials when the caller sends none, so no other
    // origin may read them unless CORS_ORIGINS lets it (yoga's default would allow every origin).
    cors: config.corsOrigins
      ? { origin: config.corsOrigins, methods: ['GET', 'POST'], allowedHeaders: CLIENT_HEADERS, maxAge: 600 }
      : false,
    plugins: [
      // First, so its timing wraps every other plugin's work on the operation.
      useOperationLog(logger),
      ...(metrics ? [metrics.plugin] : []),
      useReadiness(readiness),
      ...(config.graphiql
        ? [
            useGraphiQLPage(GRAPHQL_ENDPOINT, {
              title: 'DRS GraphQL gateway',
              defaultQuery: exampleQuery(exampleJobIds),
            }),
          ]
        : []),
      useCodedErrors(),
      useJsonPostsOnly(),
      useBodyLimit(config.maxRequestBytes),
      ...useQueryLimits(config.queryLimits, config.maxDrsCallsPerOperation),
      ...(config.executor === 'planned'
        ? [usePlannedExecution({ maxAnswerBytes: config.maxAnswerBytes, maxErrors: config.maxErrors })]
        : []),
      ...(persisted
        ? [
            usePersistedOperations({
              getPersistedOperation: (id) => persisted.get(id) ?? null,
              allowArbitraryOperations: !config.persistedOperationsOnly,
            }),
          ]
        : []),
      ...plugins,
    ],
    context: (initial) => createContext(requestOf(initial), contextDeps),
  });
  // Every request gets its id first; plain JSON query POSTs then skip only yoga's Fetch adaptation,
  // never its plugins (fast-path.ts).
  const timed = metrics ? metrics.wrap : (listener: RequestListener) => listener;
  const front = (listener: RequestListener) => timed(withAllowedHosts(withRequestId(listener), config.allowedHosts));
  const metricsListener = metrics?.listener;
  if (!config.fastPath) {
    return {
      yoga,
      listener: front(metrics ? countedYoga(yoga, metrics.handled) : yoga),
      metricsListener,
      readiness,
      endSubscriptions: () => hub.close(),
      sharedState,
      close: () => sharedState.close(),
      iam,
    };
  }
  const fast = fastPathListener(
    yoga,
    {
      endpoint: GRAPHQL_ENDPOINT,
      maxRequestBytes: config.maxRequestBytes,
      corsConfigured: config.corsOrigins !== undefined,
    },
    metrics?.handled,
  );
  return {
    yoga,
    listener: front(fast),
    metricsListener,
    readiness,
    endSubscriptions: () => hub.close(),
    sharedState,
    close: () => sharedState.close(),
    iam,
  };
}

/** HTTP_FAST_PATH=false: yoga answers every request, and the handler series says so. */
function countedYoga(yoga: App, handled: Handled): RequestListener {
  return (req, res) => {
    handled.yoga++;
    yoga(req, res);
  };
}

export type App = ReturnType<typeof createYoga<WsContext>>;
