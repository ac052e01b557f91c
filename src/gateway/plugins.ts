import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import { useBodyLimit } from '../body-limit.js';
import { useCodedErrors } from '../coded-errors.js';
import type { Config } from '../config.js';
import { DISCOVERY_QUERY, DISCOVERY_VARIABLES, exampleQuery } from '../example-query.js';
import { usePlannedExecution } from '../execution/plugin.js';
import { useGraphiQLPage } from '../graphiql-page.js';
import { useJsonPostsOnly } from '../json-only.js';
import { useQueryLimits } from '../limits/query-limits.js';
import { type Logger, useOperationLog } from '../logging/index.js';
import type { GatewayMetrics } from '../metrics/gateway-metrics.js';
import { loadPersistedOperations } from '../persisted-operations.js';
import { useReadiness } from '../readiness/plugin.js';
import type { Readiness } from '../readiness/readiness.js';
import { GRAPHQL_ENDPOINT } from './yoga.js';

export interface PluginDeps {
  config: Config;
  logger: Logger;
  metrics: GatewayMetrics | undefined;
  readiness: Readiness;
  /** Job ids that GraphiQL's example query opens with. */
  exampleJobIds: readonly string[];
  /** The caller's own plugins (tracing), after the gateway's. */
  extra: readonly Plugin[];
}

/** The envelop/yoga plugins every transport's operations run through, in order. */
export function gatewayPlugins({ config, logger, metrics, readiness, exampleJobIds, extra }: PluginDeps): Plugin[] {
  const persisted = config.persistedOperationsFile
    ? loadPersistedOperations(config.persistedOperationsFile)
    : undefined;
  return [
    // First, so its timing wraps every other plugin's work on the operation.
    useOperationLog(logger),
    ...(metrics ? [metrics.plugin] : []),
    useReadiness(readiness),
    ...(config.graphiql
      ? [
          useGraphiQLPage(GRAPHQL_ENDPOINT, {
            title: 'DRS GraphQL gateway',
            // Discovery first (it works on any DRS), the dashboard over known ids second.
            defaultQuery: DISCOVERY_QUERY,
            defaultTabs: [
              { query: DISCOVERY_QUERY, variables: DISCOVERY_VARIABLES },
              { query: exampleQuery(exampleJobIds) },
            ],
            variables: DISCOVERY_VARIABLES,
            defaultEditorToolsVisibility: 'variables',
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
    ...extra,
  ];
}
