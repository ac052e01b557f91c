import type { Plugin } from 'graphql-yoga';
import { operationCost } from './operation-cost.js';
import { tooComplex } from './query-limits.js';

/**
 * Refuses an operation whose estimated answer (src/limits/operation-cost.ts) holds more than
 * MAX_QUERY_COST field values, or whose per-object DRS calls alone are over
 * MAX_DRS_CALLS_PER_OPERATION, before its first resolver runs: on execute for queries (and
 * federation's `_entities`), on subscribe for subscriptions, on every transport.
 */
export function useOperationCost(max: number, maxCalls: number, onRefused?: () => void): Plugin {
  const check = (args: {
    schema: Parameters<typeof operationCost>[0];
    document: Parameters<typeof operationCost>[1];
    operationName?: string | null;
    variableValues?: Record<string, unknown> | null;
  }) => {
    const { cost, calls, cut } = operationCost(
      args.schema,
      args.document,
      args.operationName,
      args.variableValues,
      max,
    );
    if (!cut && cost <= max && calls <= maxCalls) return undefined;
    onRefused?.();
    if (!cut && cost <= max) {
      return tooComplex(
        `This operation would make at least ${calls} DRS calls (one per job for each objectProgress or asyncJobBatch field), over ${maxCalls} (MAX_DRS_CALLS_PER_OPERATION)`,
        'MAX_DRS_CALLS_PER_OPERATION',
      );
    }
    const estimate = cut ? `more than ${max}` : String(cost);
    return tooComplex(
      `This operation would answer ${estimate} field values, over ${max} (MAX_QUERY_COST); ask for fewer ids, smaller pages (first/last) or fewer fields`,
      'MAX_QUERY_COST',
    );
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const refused = check(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const refused = check(args);
      if (refused) setResultAndStopExecution({ errors: [refused] });
    },
  };
}
