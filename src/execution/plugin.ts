import type { Plugin } from 'graphql-yoga';
import { type AnswerLimits, executePrepared, prepareOperation } from './execute.js';

/**
 * Runs queries through the planned executor (src/execution): same answers and errors as graphql-js,
 * but field collection and argument coercion happen once per operation and answers are plain
 * objects, bounded by `limits` (MAX_ANSWER_BYTES, MAX_ERRORS). Anything it does not take (see
 * `prepareOperation`) stays with yoga's executor.
 */
export function usePlannedExecution(limits: AnswerLimits = {}): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      const entry = prepareOperation(args);
      if (entry) setExecuteFn((executeArgs) => executePrepared(entry, executeArgs, limits));
    },
  };
}
