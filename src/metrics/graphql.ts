import {
  createCounter,
  createHistogram,
  type FillLabelsFnParams,
  usePrometheus,
} from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import { operationNameLabels } from './operation-names.js';

type Phase = 'parse' | 'validate' | 'execute' | 'subscribe';

/**
 * Yoga/envelop's operation series in `registry`: operations, their duration, parse and validate
 * times and errors, under the plugin's own names (so its public dashboards work). They hang on
 * envelop's parse/validate/execute/subscribe hooks, which every transport runs, the HTTP fast path
 * included. Left out, for cost or cardinality: yoga's HTTP histogram (onRequest/onResponse, which
 * the fast path skips: src/metrics/http.ts times every HTTP request instead), per-resolver timing
 * (a hook per field), the summary (the duration again, not aggregatable), the deprecated-field
 * counter (a schema walk per operation, for the few deprecated fields) and the error `path` label
 * (aliases are the caller's text).
 */
export function useGraphQLMetrics(registry: Registry, maxOperationNames: number): Plugin {
  const nameOf = operationNameLabels(maxOperationNames);
  const labels = (params: FillLabelsFnParams) => ({
    operationName: nameOf(params.operationName, params.document),
    operationType: params.operationType ?? 'unknown',
  });
  const histogram = <P extends Phase>(name: string, help: string, phases: [P, ...P[]]) =>
    createHistogram({
      registry,
      histogram: { name, help, labelNames: ['operationName', 'operationType'] },
      fillLabelsFn: labels,
      phases,
    });
  return usePrometheus({
    registry,
    // /metrics is served by the gateway's own listener (src/metrics/http.ts), on either port.
    endpoint: false,
    metrics: {
      graphql_envelop_request: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_request',
          help: 'GraphQL operations executed or subscribed',
          labelNames: ['operationName', 'operationType'],
        },
        fillLabelsFn: labels,
        phases: ['execute', 'subscribe'],
      }),
      graphql_envelop_request_duration: histogram(
        'graphql_envelop_request_duration',
        'Time of a GraphQL operation from the start of execution to its end (a subscription: when it ends)',
        ['execute', 'subscribe'],
      ),
      graphql_envelop_phase_parse: histogram('graphql_envelop_phase_parse', 'Time parsing an operation', ['parse']),
      graphql_envelop_phase_validate: histogram('graphql_envelop_phase_validate', 'Time validating an operation', [
        'validate',
      ]),
      graphql_envelop_error_result: createCounter({
        registry,
        counter: {
          name: 'graphql_envelop_error_result',
          help: 'Errors of GraphQL operations, by the phase that produced them',
          labelNames: ['operationName', 'operationType', 'phase'],
        },
        fillLabelsFn: (params: FillLabelsFnParams) => ({ ...labels(params), phase: params.errorPhase ?? 'execute' }),
        phases: ['parse', 'validate', 'context', 'execute', 'subscribe'],
      }),
      // Always 0: envelop starts and stops this clock in the same tick.
      graphql_envelop_phase_context: false,
      // The same observations as graphql_envelop_request_duration, split by phase.
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_deprecated_field: false,
      graphql_envelop_execute_resolver: false,
      graphql_envelop_schema_change: false,
      graphql_yoga_http_duration: false,
    },
  });
}
