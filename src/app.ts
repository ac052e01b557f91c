import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga } from 'graphql-yoga';
import type { Config } from './config.js';
import { createContext } from './context.js';
import type { DrsClient } from './drs/client.js';
import { maskError } from './errors.js';
import { exampleQuery } from './example-query.js';
import { ProgressHub } from './live/progress-hub.js';
import { createLogger } from './logger.js';
import { schema } from './schema/index.js';
import { requestOf, type WsContext } from './ws.js';

export interface AppOptions {
  config: Config;
  drs: DrsClient;
  /** Project every request uses (DRS_PROJECT_ID, or the embedded simulator's). */
  projectId: string;
  /** Job ids that GraphiQL's example query opens with. */
  exampleJobIds?: readonly string[];
}

/** Builds the GraphQL server; it never listens (see main.ts), so tests drive it through `yoga.fetch`. */
export function createApp({ config, drs, projectId, exampleJobIds = [] }: AppOptions) {
  const hub = new ProgressHub({ drs, intervalMs: config.pollIntervalMs, batchSize: config.batchSize });
  return createYoga<WsContext>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    landingPage: false,
    maskedErrors: { maskError },
    logging: createLogger(config.logLevel),
    // The bundled renderer carries GraphiQL's assets inline, so it works with no network.
    renderGraphiQL,
    graphiql: config.graphiql ? { title: 'DRS GraphQL gateway', defaultQuery: exampleQuery(exampleJobIds) } : false,
    context: (initial) => createContext(requestOf(initial), { drs, hub, config, projectId }),
  });
}

export type App = ReturnType<typeof createApp>;
