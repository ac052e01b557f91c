import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ErrorCode } from './error-codes.js';

/**
 * Every error the gateway answers carries `extensions.code` and `retryable`. The gateway's own errors
 * are made so (src/errors.ts); this gives the rest the same: syntax and validation errors (yoga codes
 * them GRAPHQL_PARSE_FAILED / GRAPHQL_VALIDATION_FAILED over HTTP, but leaves a syntax error uncoded
 * over graphql-ws), and yoga's refusals of a request it cannot read (BAD_REQUEST, ...). All of them
 * are the caller's, and fail the same way again: `retryable: false`.
 */
export function useCodedErrors(): Plugin {
  return {
    onParse() {
      return ({ result }) => {
        if (result instanceof GraphQLError) mark(result, 'GRAPHQL_PARSE_FAILED');
      };
    },
    onValidate() {
      return ({ valid, result }) => {
        if (!valid) for (const error of result) mark(error, 'GRAPHQL_VALIDATION_FAILED');
      };
    },
    onResultProcess({ result }) {
      for (const one of Array.isArray(result) ? result : [result]) {
        const errors = (one as { errors?: unknown }).errors;
        if (!Array.isArray(errors)) continue;
        for (const error of errors) if (error instanceof GraphQLError) mark(error, 'BAD_REQUEST');
      }
    },
  };
}

function mark(error: GraphQLError, code: ErrorCode): void {
  const extensions = error.extensions as Record<string, unknown>;
  extensions.code ??= code;
  extensions.retryable ??= false;
}
