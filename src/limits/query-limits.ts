import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthPlugin } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { useOperationCost } from './use-operation-cost.js';

/** Limits on the shape of one document, checked before anything runs (each an env variable). */
export interface QueryLimits {
  /** MAX_QUERY_BYTES: length of the query text, checked before it is parsed (or cached). */
  readonly maxQueryBytes: number;
  /** MAX_QUERY_TOKENS: lexical tokens; also bounds nesting before the parser recurses into it. */
  readonly maxTokens: number;
  /** MAX_QUERY_DEPTH: nested selection sets (introspection aside). */
  readonly maxDepth: number;
  /** MAX_ALIASES: aliased fields in the whole operation (`__typename` aside). */
  readonly maxAliases: number;
  /** MAX_DIRECTIVES: directives in the whole operation. */
  readonly maxDirectives: number;
  /** MAX_QUERY_COST: field values the answer may hold, estimated from the document and variables. */
  readonly maxCost: number;
}

/**
 * graphql-armor's token, depth, alias and directive limits, with their refusals worded as the
 * gateway words errors: `QUERY_TOO_COMPLEX`, HTTP 400, naming the variable that sets the limit.
 * Plugins on parse and validate, so every transport runs them; then the cost estimate, on execute
 * and subscribe, once the variables are known.
 */
export function useQueryLimits(limits: QueryLimits, maxDrsCalls = Number.POSITIVE_INFINITY): Plugin[] {
  return [
    useQueryLength(limits.maxQueryBytes),
    maxTokensPlugin({ n: limits.maxTokens, onReject: [refuse('MAX_QUERY_TOKENS')] }),
    maxDepthPlugin({ n: limits.maxDepth, onReject: [refuse('MAX_QUERY_DEPTH')] }),
    maxAliasesPlugin({ n: limits.maxAliases, onReject: [refuse('MAX_ALIASES')] }),
    maxDirectivesPlugin({ n: limits.maxDirectives, onReject: [refuse('MAX_DIRECTIVES')] }),
    useOperationCost(limits.maxCost, maxDrsCalls),
  ] as Plugin[];
}

/**
 * Refuses a query text longer than `max` before anything reads it: fewer than MAX_QUERY_TOKENS tokens
 * can still be a megabyte (one long string literal), and yoga keeps the documents it parsed, and the
 * errors of those it could not, in its caches.
 */
function useQueryLength(max: number): Plugin {
  return {
    onParams({ params }) {
      const length = typeof params.query === 'string' ? Buffer.byteLength(params.query) : 0;
      if (length > max) {
        throw tooComplex(`The query text is ${length} bytes, over ${max} (MAX_QUERY_BYTES)`, 'MAX_QUERY_BYTES');
      }
    },
  };
}

/** An armor rejection handler that throws the gateway's coded error instead of armor's own. */
function refuse(variable: string) {
  return (_context: unknown, error: GraphQLError): never => {
    throw tooComplex(`${error.message.replace(/^Syntax Error: /, '')} (${variable})`, variable);
  };
}

export function tooComplex(message: string, limit: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'QUERY_TOO_COMPLEX', limit, retryable: false, http: { status: 400 } },
  });
}
