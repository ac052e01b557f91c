import type { RequestListener } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { createAuthenticator } from './auth/authenticate.js';
import { RowCache } from './cache/row-cache.js';
import { SharedCollapse } from './cache/shared-collapse.js';
import type { Config } from './config.js';
import { type ContextDeps, gatewayAuth } from './context.js';
import type { DrsClient } from './drs/client.js';
import type { IamTokenSource } from './drs/iam-token.js';
import { gatewayListener } from './gateway/listener.js';
import { gatewayPlugins } from './gateway/plugins.js';
import { type Serving, serving } from './gateway/serving.js';
import { type App, createGatewayYoga } from './gateway/yoga.js';
import { createIamCredential } from './iam-credential.js';
import { ProgressHub } from './live/progress-hub.js';
import { createLogger, type Logger } from './logging/index.js';
import { createMetrics } from './metrics/gateway-metrics.js';
import { LastDrsAnswer } from './readiness/last-answer.js';
import { Readiness } from './readiness/readiness.js';
import { createSharedState, type SharedState } from './shared-state/index.js';

export type { App } from './gateway/yoga.js';

export interface AppOptions {
  config: Config;
  /** The DRS client; the gateway's `shutdown()`/`close()` close its dispatcher. */
  drs: DrsClient;
  /** Project every request uses (DRS_PROJECT_ID, or the embedded simulator's). */
  projectId: string;
  /** Job ids that GraphiQL's example query opens with. */
  exampleJobIds?: readonly string[];
  /** More envelop/yoga plugins, after the gateway's own; they see every transport's operations. */
  plugins?: readonly Plugin[];
  /** The process logger (main.ts's, which the DRS client's observer shares); default: one from config. */
  logger?: Logger;
  /** What replicas share; default: Redis when REDIS_URL is set, else memory (released by `close()`). */
  sharedState?: SharedState;
  /** The clock IAM token lifetimes are judged by (default Date.now; tests pass the simulator's). */
  now?: () => number;
}

/** What production serves, and how it starts and stops: main.ts, the test harness and the benches use it alike. */
export interface Gateway extends Serving {
  /** The yoga server (yoga.fetch serves without a port). */
  yoga: App;
  /** What `serve()` answers HTTP requests with: plain JSON query POSTs on the fast path, all else through yoga. */
  listener: RequestListener;
  /** What `serveMetrics()` serves (METRICS_PORT); undefined when /metrics is off or on the main port. */
  metricsListener: RequestListener | undefined;
  /** GET /readiness; `shutdown()` turns it to 503 first. */
  readiness: Pick<Readiness, 'shutDown' | 'check'>;
  /** Cache, locks, pub/sub and rate limits shared with other replicas (src/shared-state/). */
  sharedState: SharedState;
  /** The gateway's own IAM token (DRS_IAM_*), for main.ts to fetch at start; undefined without. */
  iam: IamTokenSource | undefined;
}

/** The one way to build the gateway: yoga, the Node listener in front of it, and its serving and shutdown. */
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
  const hub = new ProgressHub({
    drs,
    intervalMs: config.pollIntervalMs,
    batchSize: config.batchSizes.progress,
    shared: sharedState,
  });
  // Poll leadership is given back before the Redis connections close, so another replica takes over at once.
  const close = async () => {
    await hub.close();
    await sharedState.close();
  };
  // Metrics: the DRS client's series through an observer added to it, yoga's through a plugin,
  // HTTP timing and /metrics in the listener (src/metrics/).
  const metrics = config.metrics.enabled ? createMetrics(config.metrics, drs, hub, sharedState, iam) : undefined;
  const contextDeps: ContextDeps = {
    drs,
    hub,
    config,
    projectId,
    authenticate: createAuthenticator(config.auth, logger),
    logger,
    iam,
    onJobBudgetRefused: metrics && (() => metrics.budgetRefused('job_ids')),
    rowCache: config.cache.enabled ? new RowCache(sharedState, config.cache, metrics?.cacheLookup) : undefined,
  };
  const pluginList = gatewayPlugins({ config, logger, metrics, readiness, exampleJobIds, extra: plugins });
  const yoga = createGatewayYoga(config, logger, pluginList, contextDeps);
  const listener = gatewayListener(yoga, config, metrics);
  const metricsListener = metrics?.listener;
  return {
    yoga,
    listener,
    metricsListener,
    readiness,
    sharedState,
    iam,
    ...serving({
      yoga,
      listener,
      metricsListener,
      config,
      logger,
      shutDownReadiness: () => readiness.shutDown(),
      endSubscriptions: () => hub.close(),
      dispatcher: drs.dispatcher,
      release: close,
    }),
  };
}
