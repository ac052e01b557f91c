import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { DrsError } from './drs/errors.js';
import { CODE_TABLE, codeForStatus, type ErrorCode, type GatewayCode, RETRYABLE } from './error-codes.js';

export type { ErrorCode } from './error-codes.js';

/** Maps one DRS failure to the code clients branch on: its DRS code first, else its HTTP status. */
export function codeOf(error: DrsError): GatewayCode {
  // A gateway or availability status says DRS could not serve, whatever code its body carries.
  if (error.status === 502 || error.status === 503 || error.status === 504) return 'UPSTREAM_UNAVAILABLE';
  return (error.code && CODE_TABLE.get(error.code)) || codeForStatus(error.status);
}

/** The caller's own input as an error message may quote it: at most `max` characters, so nothing big is echoed. */
export function quoted(value: string, max = 64): string {
  return value.length <= max ? value : `${value.slice(0, max)}… (${value.length} characters)`;
}

/** A client mistake found before any upstream call. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT', retryable: false } });
}

/** A refusal of the whole HTTP request, answered with `status` and `headers` (yoga reads `extensions.http`). */
export function requestError(
  message: string,
  code: ErrorCode,
  status: number,
  headers?: Record<string, string>,
): GraphQLError {
  const retryable = RETRYABLE.has(code);
  return new GraphQLError(message, {
    extensions: { code, retryable, http: headers ? { status, headers } : { status } },
  });
}

/**
 * Yoga's error mask, the one place where upstream failures become GraphQL errors. A `DrsError` becomes
 * a coded error (its DRS code in `drsCode`); anything else unexpected stays masked.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (!(original instanceof DrsError)) return coded(yogaMaskError(error, message, isDev));
  const located = error instanceof GraphQLError ? error : undefined;
  const code = codeOf(original);
  return new GraphQLError(original.message, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    extensions: {
      code,
      retryable: RETRYABLE.has(code),
      ...(original.code && !original.code.startsWith('LOCAL.') ? { drsCode: original.code } : {}),
      ...(original.requestId ? { requestId: original.requestId } : {}),
      ...(original.jobId ? { jobId: original.jobId } : {}),
    },
  });
}

/**
 * graphql-js words a request it refuses before execution (variables that fail to coerce) as a
 * GraphQLError with no code and no path: it is the caller's, so it gets BAD_USER_INPUT like the rest.
 */
function coded(error: Error): Error {
  if (!(error instanceof GraphQLError) || error.extensions.code !== undefined || error.path !== undefined) return error;
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code: 'BAD_USER_INPUT', retryable: false },
  });
}
