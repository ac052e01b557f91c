import { GraphQLError } from 'graphql';
import { DrsError } from '../drs/errors.js';
import type { ErrorCode } from '../error-codes.js';
import { codeOf } from '../errors.js';

/**
 * The `extensions.code` a client sees for `error`. HTTP results are masked already; graphql-ws
 * results are not, so an upstream failure is coded as the mask would code it, and a parse or
 * validation error (coded by yoga's later hooks) gets `fallback`.
 */
export function codeOfError(error: unknown, fallback: ErrorCode = 'BAD_USER_INPUT'): string {
  const graphql = error instanceof GraphQLError ? error : undefined;
  const code = graphql?.extensions.code;
  if (typeof code === 'string') return code;
  const original = graphql ? graphql.originalError : error;
  if (original instanceof DrsError) return codeOf(original);
  // An error graphql-js raised itself (no original), such as a variable that does not coerce.
  if (graphql !== undefined && original === undefined && graphql.path === undefined) return fallback;
  return 'INTERNAL_SERVER_ERROR';
}
