import { setMaxListeners } from 'node:events';
import type { Config } from './config.js';
import type { DrsClient } from './drs/client.js';
import type { DrsAuth } from './drs/credentials.js';
import { requestError } from './errors.js';
import { JobBudget } from './job-budget.js';
import type { ProgressEvent, ProgressHub } from './live/progress-hub.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
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
}

/** What a context needs of an HTTP request or a WebSocket connection. */
export interface RequestLike {
  /** Only `get` is read: a Fetch API `Headers`, or the fast path's reader over a Node request's. */
  headers: Pick<Headers, 'get'>;
  signal: AbortSignal;
}

export interface ContextDeps {
  drs: DrsClient;
  hub: ProgressHub;
  config: Config;
  /** Project used when the request names none (DRS_PROJECT_ID, or the embedded simulator's). */
  projectId: string;
}

const LANGUAGES = new Set(['en-us', 'zh-cn']);
const PROJECT_ID = /^[0-9a-f]{32}$/;

/**
 * Builds one request's context: its own credentials, project, deadline and fresh loaders, so
 * nothing (cache, batch, credential) is ever shared between two requests.
 */
export function createContext(request: RequestLike, { drs, hub, config, projectId }: ContextDeps): Context {
  const language = request.headers.get('x-language')?.trim().toLowerCase();
  const { operationTimeoutMs } = config.resilience;
  // Every upstream call and queued waiter of the operation listens to the request's signal.
  setMaxListeners(0, request.signal);
  const credentials = {
    projectId: projectOf(request, projectId),
    auth: authOf(request, config),
    language: language && LANGUAGES.has(language) ? language : config.language,
  };
  // The deadline is enforced by the client (attempt timeouts shrink to what is left): no timer per request.
  const session = drs.session({ ...credentials, signal: request.signal, deadline: Date.now() + operationTimeoutMs });
  return {
    loaders: createLoaders(session, config.batchSizes),
    jobIds: new JobBudget(config.maxIdsPerQuery),
    lookAheadCalls: config.resilience.maxConcurrencyPerApi,
    watchProgress: (ids) => hub.watch(credentials, ids),
  };
}

/** Precedence: the caller's X-Auth-Token, then configured AK/SK, then DRS_AUTH_TOKEN. */
function authOf(request: RequestLike, config: Config): DrsAuth | undefined {
  const token = request.headers.get('x-auth-token')?.trim();
  if (token) return { kind: 'token', token };
  return gatewayAuth(config);
}

/** The gateway's own DRS credential: configured AK/SK, then DRS_AUTH_TOKEN (readiness probes with it too). */
export function gatewayAuth(config: Pick<Config, 'akSk' | 'authToken'>): DrsAuth | undefined {
  if (config.akSk) return { kind: 'aksk', ...config.akSk };
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
