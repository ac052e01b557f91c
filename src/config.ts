import { type AuthConfig, loadAuthConfig } from './auth/auth-config.js';
import { type CacheConfig, cacheConfig } from './cache/config.js';
import { bool, ConfigError, type Env, int, list, oneOf, text } from './config-env.js';
import { type IamConfig, upstreamConfig } from './config-upstream.js';
import type { QueryLimits } from './limits/query-limits.js';
import { type SharedStateConfig, sharedStateConfig } from './shared-state/config.js';
import { type TracingConfig, tracingConfig } from './tracing/config.js';

export { ConfigError } from './config-env.js';
export type { IamConfig } from './config-upstream.js';

/** The gateway's whole configuration; `loadConfig` is the only reader of the environment. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Base URL of DRS (DRS_ENDPOINT, else DRS_REGION's); undefined means "start the built-in simulator". */
  readonly drsEndpoint: string | undefined;
  /** DRS_REGION, e.g. `cn-north-4` (src/config-upstream.ts). */
  readonly region: string | undefined;
  /** The gateway's own IAM user, whose tokens it gets and renews (DRS_IAM_*, docs/credentials.md). */
  readonly iam: IamConfig | undefined;
  readonly projectId: string | undefined;
  readonly authToken: string | undefined;
  /** Permanent or temporary AK/SK for `SDK-HMAC-SHA256` signing. */
  readonly akSk: { ak: string; sk: string; securityToken: string | undefined } | undefined;
  /** Job ids per upstream call, per batch API. */
  readonly batchSizes: BatchSizes;
  readonly language: DrsLanguage;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxIdsPerQuery: number;
  /** Jobs one answer may hold, repeats through aliases included. */
  readonly maxJobResults: number;
  /** MAX_ANSWER_BYTES: an answer's estimated JSON size; past it, the fields still to run are null. */
  readonly maxAnswerBytes: number;
  /** MAX_ERRORS: field errors one answer lists; one more error counts those left out. */
  readonly maxErrors: number;
  /** DRS calls (attempts, retries included) one operation may send, every API together. */
  readonly maxDrsCallsPerOperation: number;
  /** Largest request body accepted (HTTP 413 beyond). */
  readonly maxRequestBytes: number;
  readonly graphiql: boolean;
  /** `planned` (src/execution) or `graphql-js` (yoga's own executor), kept as a switch back. */
  readonly executor: 'planned' | 'graphql-js';
  /** Serve plain JSON query POSTs without yoga's Fetch adaptation (src/fast-path.ts); off is a switch back. */
  readonly fastPath: boolean;
  readonly logLevel: LogLevel;
  /** Host names the gateway answers to (ALLOWED_HOSTS, lowercase); undefined answers any Host. */
  readonly allowedHosts: string[] | undefined;
  /** `json` lines, `pretty` text, or `auto`: pretty only when stdout is a terminal. */
  readonly logFormat: LogFormat;
  /** Origins allowed to call from a browser; undefined keeps yoga's default (any origin). */
  readonly corsOrigins: string[] | undefined;
  /** Trusted-operations allow-list (see persisted-operations.ts). */
  readonly persistedOperationsFile: string | undefined;
  /** Reject every operation that is not in the allow-list. */
  readonly persistedOperationsOnly: boolean;
  /** How often shared subscriptions poll batch-progress. */
  readonly pollIntervalMs: number;
  /** Shape limits of one document (src/limits/query-limits.ts). */
  readonly queryLimits: QueryLimits;
  readonly resilience: Resilience;
  /** GET /readiness: how long a DRS answer stands as proof (and the least time between probes), the probe's timeout. */
  readonly readiness: { readonly probeTtlMs: number; readonly probeTimeoutMs: number };
  /** After SIGTERM, how long to keep serving (readiness 503) before closing, so load balancers move away. */
  readonly shutdownDelayMs: number;
  /** After that, how long in-flight operations may take before their connections are cut (SHUTDOWN_TIMEOUT_MS). */
  readonly shutdownTimeoutMs: number;
  /** Inbound authentication (AUTH_MODE and its variables, src/auth/auth-config.ts). */
  readonly auth: AuthConfig;
  readonly metrics: MetricsConfig;
  /** OpenTelemetry traces (src/tracing); undefined (off) unless an OTLP endpoint is set. */
  readonly tracing: TracingConfig | undefined;
  /** What replicas share, in memory or Redis (src/shared-state/config.ts). */
  readonly sharedState: SharedStateConfig;
  /** DRS row cache and call collapsing (src/cache/config.ts). */
  readonly cache: CacheConfig;
}

/** Prometheus metrics (src/metrics/). */
export interface MetricsConfig {
  /** Serve `GET /metrics` and record (METRICS); off records nothing at all. */
  readonly enabled: boolean;
  /** Serve /metrics on this port instead of the main one (METRICS_PORT). */
  readonly port: number | undefined;
  /** Distinct operation names kept as label values; later ones are counted as `other`. */
  readonly maxOperationNames: number;
}

/** How the DRS client copes with a slow, throttling or failing upstream. */
export interface Resilience {
  /** Deadline of one GraphQL operation's upstream work. */
  readonly operationTimeoutMs: number;
  /** Retries after the first attempt of a read-only call. */
  readonly maxRetries: number;
  readonly retryBaseDelayMs: number;
  readonly retryMaxDelayMs: number;
  /** Retries allowed beyond the first attempts: this share of requests, plus `retryBudgetMin`. */
  readonly retryBudgetRatio: number;
  readonly retryBudgetMin: number;
  /** Back-off window for a 429 without Retry-After (Huawei advises 2–5 s). */
  readonly throttleBackoffMinMs: number;
  readonly throttleBackoffMaxMs: number;
  readonly maxConcurrencyPerApi: number;
  /** Requests per second per credential; 0 turns the client-side limit off. */
  readonly rateLimitRps: number;
  readonly breakerFailures: number;
  readonly breakerCooldownMs: number;
}

/** Ids per call of each v3 batch API (each call also sends `per_page: 0`, so nothing is paged away). */
export interface BatchSizes {
  readonly detail: number;
  readonly progress: number;
  readonly structDetail: number;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFormat = 'json' | 'pretty' | 'auto';
export type DrsLanguage = 'en-us' | 'zh-cn';

/** DRS recommends at most 10 job IDs per batch-detail call for its own performance. */
export const DEFAULT_BATCH_SIZE = 10;
/**
 * batch-progress and batch-struct-detail carry no such recommendation and no documented maximum;
 * 100 is the ceiling of the `per_page` their paging model allows, and their rows are small.
 */
export const DEFAULT_PROGRESS_BATCH_SIZE = 100;
export const DEFAULT_STRUCT_BATCH_SIZE = 100;
const PROJECT_ID = /^[0-9a-f]{32}$/;

/** Reads and validates the environment; throws a `ConfigError` naming the variable and the fix. */
export function loadConfig(env: Env = process.env): Config {
  const { drsEndpoint, region, iam } = upstreamConfig(env);
  const projectId = text(env, 'DRS_PROJECT_ID');
  if (projectId !== undefined && !PROJECT_ID.test(projectId)) {
    throw new ConfigError('DRS_PROJECT_ID must be the 32 lowercase hex characters of a Huawei Cloud project id');
  }
  if (drsEndpoint !== undefined && projectId === undefined) {
    throw new ConfigError(
      'DRS_PROJECT_ID is required when DRS_ENDPOINT or DRS_REGION is set (the project the jobs belong to)',
    );
  }
  const ak = text(env, 'DRS_AK');
  const sk = text(env, 'DRS_SK');
  if ((ak === undefined) !== (sk === undefined)) {
    throw new ConfigError(
      `${ak === undefined ? 'DRS_AK' : 'DRS_SK'} must be set too: AK/SK signing needs both DRS_AK and DRS_SK`,
    );
  }
  const securityToken = text(env, 'DRS_SECURITY_TOKEN');
  if (securityToken !== undefined && ak === undefined) {
    throw new ConfigError('DRS_SECURITY_TOKEN needs DRS_AK and DRS_SK (it belongs to temporary AK/SK credentials)');
  }
  const host = text(env, 'HOST') ?? '127.0.0.1';
  const authToken = text(env, 'DRS_AUTH_TOKEN');
  const auth = loadAuthConfig(env, {
    host,
    serverCredential: authToken !== undefined || ak !== undefined || iam !== undefined,
  });
  const persistedOperationsFile = text(env, 'PERSISTED_OPERATIONS_FILE');
  const persistedOperationsOnly = bool(env, 'PERSISTED_OPERATIONS_ONLY', false);
  if (persistedOperationsOnly && persistedOperationsFile === undefined) {
    throw new ConfigError('PERSISTED_OPERATIONS_ONLY needs PERSISTED_OPERATIONS_FILE (the allow-list) when true');
  }
  const throttleBackoffMinMs = int(env, 'DRS_THROTTLE_BACKOFF_MIN_MS', 2_000, 0, 60_000);
  const resilience: Resilience = Object.freeze({
    operationTimeoutMs: int(env, 'DRS_OPERATION_TIMEOUT_MS', 30_000, 1, 600_000),
    maxRetries: int(env, 'DRS_RETRY_MAX', 2, 0, 10),
    retryBaseDelayMs: int(env, 'DRS_RETRY_BASE_DELAY_MS', 100, 0, 60_000),
    retryMaxDelayMs: int(env, 'DRS_RETRY_MAX_DELAY_MS', 2_000, 0, 60_000),
    retryBudgetRatio: int(env, 'DRS_RETRY_BUDGET_PERCENT', 10, 0, 100) / 100,
    retryBudgetMin: int(env, 'DRS_RETRY_BUDGET_MIN', 5, 0, 1_000),
    throttleBackoffMinMs,
    throttleBackoffMaxMs: int(
      env,
      'DRS_THROTTLE_BACKOFF_MAX_MS',
      Math.max(5_000, throttleBackoffMinMs),
      throttleBackoffMinMs,
      120_000,
    ),
    maxConcurrencyPerApi: int(env, 'DRS_MAX_CONCURRENCY', 8, 1, 256),
    rateLimitRps: int(env, 'DRS_RATE_LIMIT_RPS', 0, 0, 10_000),
    breakerFailures: int(env, 'DRS_BREAKER_FAILURES', 5, 1, 1_000),
    breakerCooldownMs: int(env, 'DRS_BREAKER_COOLDOWN_MS', 10_000, 1, 600_000),
  });
  return Object.freeze({
    port: int(env, 'PORT', 4000, 0, 65535),
    host,
    drsEndpoint,
    region,
    iam,
    projectId,
    authToken,
    akSk: ak !== undefined && sk !== undefined ? Object.freeze({ ak, sk, securityToken }) : undefined,
    batchSizes: Object.freeze({
      detail: int(env, 'DRS_BATCH_SIZE', DEFAULT_BATCH_SIZE, 1, 100),
      progress: int(env, 'DRS_PROGRESS_BATCH_SIZE', DEFAULT_PROGRESS_BATCH_SIZE, 1, 100),
      structDetail: int(env, 'DRS_STRUCT_BATCH_SIZE', DEFAULT_STRUCT_BATCH_SIZE, 1, 100),
    }),
    language: oneOf(env, 'DRS_LANGUAGE', ['en-us', 'zh-cn'] as const, 'en-us'),
    connectTimeoutMs: int(env, 'DRS_CONNECT_TIMEOUT_MS', 5_000, 1, 120_000),
    requestTimeoutMs: int(env, 'DRS_TIMEOUT_MS', 15_000, 1, 300_000),
    maxConnections: int(env, 'DRS_MAX_CONNECTIONS', 32, 1, 1024),
    maxIdsPerQuery: int(env, 'MAX_IDS_PER_QUERY', 1000, 1, 100_000),
    maxDrsCallsPerOperation: int(env, 'MAX_DRS_CALLS_PER_OPERATION', 300, 1, 100_000),
    maxJobResults: int(env, 'MAX_JOB_RESULTS', 5_000, 1, 1_000_000),
    maxAnswerBytes: int(env, 'MAX_ANSWER_BYTES', 5_000_000, 1_000, 1_000_000_000),
    maxErrors: int(env, 'MAX_ERRORS', 1_000, 1, 1_000_000),
    maxRequestBytes: int(env, 'MAX_REQUEST_BYTES', 1_000_000, 1_000, 100_000_000),
    // GraphiQL is for exploring: on by default, but off in production against real DRS unless asked.
    graphiql: bool(env, 'GRAPHIQL', !(text(env, 'NODE_ENV') === 'production' && drsEndpoint !== undefined)),
    executor: oneOf(env, 'GRAPHQL_EXECUTOR', ['planned', 'graphql-js'] as const, 'planned'),
    fastPath: bool(env, 'HTTP_FAST_PATH', true),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
    logFormat: oneOf(env, 'LOG_FORMAT', ['json', 'pretty', 'auto'] as const, 'auto'),
    corsOrigins: list(env, 'CORS_ORIGINS'),
    allowedHosts: list(env, 'ALLOWED_HOSTS')?.map((host) => host.toLowerCase()),
    persistedOperationsFile,
    persistedOperationsOnly,
    pollIntervalMs: int(env, 'DRS_POLL_INTERVAL_MS', 5_000, 10, 3_600_000),
    queryLimits: Object.freeze({
      maxQueryBytes: int(env, 'MAX_QUERY_BYTES', 100_000, 100, 100_000_000),
      maxTokens: int(env, 'MAX_QUERY_TOKENS', 2_000, 10, 100_000),
      maxDepth: int(env, 'MAX_QUERY_DEPTH', 15, 2, 1_000),
      maxAliases: int(env, 'MAX_ALIASES', 30, 0, 10_000),
      maxDirectives: int(env, 'MAX_DIRECTIVES', 20, 0, 10_000),
      maxCost: int(env, 'MAX_QUERY_COST', 500_000, 1, 100_000_000),
    }),
    resilience,
    auth,
    metrics: metricsConfig(env),
    readiness: Object.freeze({
      probeTtlMs: int(env, 'READINESS_PROBE_TTL_MS', 5_000, 100, 600_000),
      probeTimeoutMs: int(env, 'READINESS_PROBE_TIMEOUT_MS', 2_000, 1, 60_000),
    }),
    shutdownDelayMs: int(env, 'SHUTDOWN_DELAY_MS', 0, 0, 600_000),
    shutdownTimeoutMs: int(env, 'SHUTDOWN_TIMEOUT_MS', 10_000, 0, 600_000),
    tracing: tracingConfig({
      endpoint: text(env, 'OTEL_EXPORTER_OTLP_ENDPOINT'),
      tracesEndpoint: text(env, 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT'),
      serviceName: text(env, 'OTEL_SERVICE_NAME'),
    }),
    sharedState: sharedStateConfig(env),
    cache: cacheConfig(env),
  });
}

function metricsConfig(env: Env): MetricsConfig {
  const enabled = bool(env, 'METRICS', true);
  const port = text(env, 'METRICS_PORT') === undefined ? undefined : int(env, 'METRICS_PORT', 0, 0, 65535);
  if (port !== undefined && !enabled) throw new ConfigError('METRICS_PORT needs METRICS=true (or unset METRICS_PORT)');
  if (port !== undefined && port !== 0 && port === int(env, 'PORT', 4000, 0, 65535)) {
    throw new ConfigError('METRICS_PORT must differ from PORT (unset it to serve /metrics on PORT)');
  }
  const maxOperationNames = int(env, 'METRICS_MAX_OPERATION_NAMES', 100, 0, 10_000);
  return Object.freeze({ enabled, port, maxOperationNames });
}
