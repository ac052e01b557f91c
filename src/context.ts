import type { DrsLanguage } from './config.js';
import type { DrsClient } from './drs/client.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface Context {
  loaders: Loaders;
  maxIdsPerQuery: number;
}

export interface ContextDeps {
  drs: DrsClient;
  projectId: string;
  authToken: string | undefined;
  language: DrsLanguage;
  batchSize: number;
  maxIdsPerQuery: number;
}

const LANGUAGES = new Set(['en-us', 'zh-cn']);

/** Builds one request's context: the caller's credentials and fresh loaders, never shared. */
export function createContext(request: Request, deps: ContextDeps): Context {
  const token = request.headers.get('x-auth-token')?.trim() || deps.authToken;
  const language = request.headers.get('x-language')?.trim().toLowerCase();
  const session = deps.drs.session({
    projectId: deps.projectId,
    authToken: token,
    language: language && LANGUAGES.has(language) ? language : deps.language,
    signal: request.signal,
  });
  return { loaders: createLoaders(session, deps.batchSize), maxIdsPerQuery: deps.maxIdsPerQuery };
}
