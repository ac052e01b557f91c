import { setMaxListeners } from 'node:events';
import { type Authenticator, authorize, type Grant } from './auth/authenticate.js';
import { untilExpiry } from './auth/expiry.js';
import type { RowCache, RowKind } from './cache/row-cache.js';
import type { Config } from './config.js';
import type { DrsClient } from './drs/client.js';
import type { DrsAuth, DrsUsage } from './drs/credentials.js';
import { DrsError, LocalCode } from './drs/errors.js';
import type { TokenSource } from './drs/iam-token.js';
import { requestError } from './errors.js';
import { JobBudget } from './job-budget.js';
import type { ProgressEvent, ProgressHub } from './live/progress-hub.js';
import { createLoaders, type Loaders } from './loaders.js';
import type { Logger } from './logging/logger.js';
import { requestIdOf } from './request-id.js';

export interface Context {
  /** The request's id: sent to DRS as X-Request-Id, on the answer (HTTP) and in its log line. */
  requestId: string;
  /** DRS work this operation has caused so far (the client adds to it). */
  usage: DrsUsage;
  loaders: Loaders;
  /** Job ids this operation has named so far, across all its fields, and how many it may (`max`). */
  jobIds: JobBudget;
  /**
   * progress-data calls the look-ahead may still start before batch-detail answers. One per API's
   * concurrency slot: more would only queue behind them, and for an id DRS does not know they are
   * wasted, so an operation with many unknown ids cannot multiply its calls.
   */
  lookAheadCalls: number;
  /** Live progress of the given jobs, polled with this request's own credentials. */
  watchProgress(ids: readonly string[]): AsyncIterableIterator<ProgressEvent>;
  /** The process logger, for resolvers' own lines (with `requestId`). */
  logger: Logger;
}

/** What a context needs of an HTTP request or a WebSocket connection. */
export interface RequestLike {
  /** Only `get` is read: a Fetch API `Headers`, or the fast path's reader over a Node request's. */
  headers: Pick<Headers, 'get'>;
  signal: AbortSignal;
}

/** What yoga's context factory sees for a graphql-ws operation (HTTP requests carry `request`). */
export interface WsContext {
  connectionParams?: Record<string, unknown>;
  socketClosed?: AbortSignal;
}

/**
 * The request a context reads credentials from: the HTTP request, or for graphql-ws the
 * connection params (`{"X-Auth-Token": …, "X-Project-Id": …}`) and a signal for the socket.
 */
export function requestOf(initial: { request?: Request } & WsContext): RequestLike {
  if (initial.request) return initial.request;
  const headers = new Headers();
  for (const [name, value] of Object.entries(initial.connectionParams ?? {})) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return { headers, signal: initial.socketClosed ?? new AbortController().signal };
}

export interface ContextDeps {
  drs: DrsClient;
  hub: ProgressHub;
  config: Config;
  /** Project used when the request names none (DRS_PROJECT_ID, or the embedded simulator's). */
  projectId: string;
  /** Who the caller is (AUTH_MODE); it is asked before anything else, for every transport. */
  authenticate: Authenticator;
  logger: Logger;
  /** The gateway's own renewing IAM token (DRS_IAM_*), when configured. */
  iam?: TokenSource | undefined;
  /** Hears each refusal of the operation's job-id budget (metrics). */
  onJobBudgetRefused?: (() => void) | undefined;
  /** DRS rows kept per tenant (DRS_CACHE); undefined when off. */
  rowCache?: RowCache | undefined;
}

const LANGUAGES = new Set(['en-us', 'zh-cn']);
const PROJECT_ID = /^[0-9a-f]{32}$/;

/**
 * Builds one request's context: its own credentials, project, deadline and fresh loaders, so
 * nothing (cache, batch, credential) is ever shared between two requests. The caller is
 * authenticated and its project authorised first (a Promise only while a JWT is verified).
 */
export function createContext(request: RequestLike, deps: ContextDeps): Context | Promise<Context> {
  const grant = deps.authenticate(request);
  return grant instanceof Promise
    ? grant.then((given) => contextFor(request, deps, given))
    : contextFor(request, deps, grant);
}

function contextFor(request: RequestLike, deps: ContextDeps, grant: Grant | undefined): Context {
  const { drs, hub, config, projectId, logger, onJobBudgetRefused, rowCache } = deps;
  const language = request.headers.get('x-language')?.trim().toLowerCase();
  const { operationTimeoutMs } = config.resilience;
  // Every upstream call and queued waiter of the operation listens to the request's signal.
  setMaxListeners(0, request.signal);
  // HTTP requests carry a checked id already (request-id.ts); a graphql-ws operation may name its own.
  const requestId = requestIdOf(request.headers.get('x-request-id'));
  const usage: DrsUsage = { attempts: 0, failures: 0, limit: config.maxDrsCallsPerOperation };
  const project = projectOf(request, projectId);
  authorize(grant, project);
  const credentials = {
    projectId: project,
    auth: authOf(request, deps, grant),
    language: language && LANGUAGES.has(language) ? language : config.language,
  };
  // The deadline is enforced by the client (attempt timeouts shrink to what is left): no timer per request.
  const session = drs.session({
    ...credentials,
    signal: request.signal,
    deadline: Date.now() + operationTimeoutMs,
    requestId,
    usage,
  });
  return {
    requestId,
    usage,
    loaders: createLoaders(
      session,
      config.batchSizes,
      rowCache && (<Row>(kind: RowKind) => rowCache.rows<Row>(credentials, kind)),
    ),
    jobIds: new JobBudget(config.maxIdsPerQuery, onJobBudgetRefused, config.maxJobResults),
    lookAheadCalls: config.resilience.maxConcurrencyPerApi,
    watchProgress: (ids) => untilExpiry(hub.watch(credentials, ids), grant?.expiresAt, tokenExpired),
    logger,
  };
}

/**
 * Precedence: the caller's X-Auth-Token (DRS judges it; the project was authorised above), then
 * the credential set its grant names, then configured AK/SK, then the IAM user's token, then DRS_AUTH_TOKEN.
 */
function authOf(request: RequestLike, deps: ContextDeps, grant: Grant | undefined): DrsAuth | undefined {
  const token = request.headers.get('x-auth-token')?.trim();
  if (token) return { kind: 'token', token };
  if (grant?.credential) return grant.credential;
  return gatewayAuth(deps.config, deps.iam);
}

/** The gateway's own DRS credential: AK/SK, the IAM user's token, then DRS_AUTH_TOKEN (readiness probes with it too). */
export function gatewayAuth(config: Pick<Config, 'akSk' | 'authToken'>, iam?: TokenSource): DrsAuth | undefined {
  if (config.akSk) return { kind: 'aksk', ...config.akSk };
  if (iam) return { kind: 'iam', source: iam };
  if (config.authToken) return { kind: 'token', token: config.authToken };
  return undefined;
}

function projectOf(request: RequestLike, fallback: string): string {
  const header = request.headers.get('x-project-id')?.trim();
  if (header === undefined || header === '') return fallback;
  if (!PROJECT_ID.test(header)) {
    throw requestError(
      'X-Project-Id must be the 32 lowercase hex characters of a Huawei Cloud project id',
      'BAD_USER_INPUT',
      400,
    );
  }
  return header;
}

/** The last event of a subscription whose caller's token expired (src/auth/expiry.ts). */
function tokenExpired(): DrsError {
  return new DrsError({
    message: 'The token has expired; subscribe again with a fresh one',
    status: 401,
    code: LocalCode.noCredentials,
  });
}
