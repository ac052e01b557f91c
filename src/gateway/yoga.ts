import { _createLRUCache, createYoga, type Plugin } from 'graphql-yoga';
import type { Config } from '../config.js';
import { type ContextDeps, createContext, requestOf, type WsContext } from '../context.js';
import { maskError } from '../errors.js';
import type { Logger } from '../logging/index.js';
import { yogaLogger } from '../logging/index.js';
import { schema } from '../schema/index.js';

export const GRAPHQL_ENDPOINT = '/graphql';
/** Distinct documents (and parse errors) kept parsed; dashboards send a few dozen at most. */
const DOCUMENT_CACHE_SIZE = 256;

/** Headers a browser client may send: its own DRS token, project and language, and its AUTH_MODE proof. */
const CLIENT_HEADERS = ['content-type', 'x-auth-token', 'x-project-id', 'x-language', 'authorization', 'x-api-key'];

export type App = ReturnType<typeof createYoga<WsContext>>;

/** The yoga server: the schema, its HTTP rules and `plugins`, with one context per operation. */
export function createGatewayYoga(config: Config, logger: Logger, plugins: Plugin[], contextDeps: ContextDeps): App {
  return createYoga<WsContext>({
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
    plugins,
    context: (initial) => createContext(requestOf(initial), contextDeps),
  });
}
