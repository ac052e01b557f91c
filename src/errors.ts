import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { DrsError, LocalCode } from './drs/errors.js';

/** The stable `extensions.code` values this gateway answers with. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'UPSTREAM_ERROR';

const NOT_FOUND_CODES = new Set(['DRS.M00289', 'DRS.M05003', 'DRS.M05004', 'DRS.10000010', 'DRS.M00002']);
const BAD_INPUT_CODES = new Set(['DRS.M00007', 'DRS.M00200', 'DRS.M00201', 'DRS.M00202', 'DRS.M00210', 'DRS.M00211']);

/** Maps one DRS failure to the code clients branch on. */
export function codeOf(error: DrsError): ErrorCode {
  const code = error.code ?? '';
  if (code === LocalCode.noCredentials || error.status === 401 || /^APIGW?\.0301$/.test(code)) return 'UNAUTHENTICATED';
  if (NOT_FOUND_CODES.has(code)) return 'NOT_FOUND';
  if (error.status === 403) return 'FORBIDDEN';
  if (error.status === 429 || /^APIGW?\.0308$/.test(code)) return 'RATE_LIMITED';
  if (BAD_INPUT_CODES.has(code)) return 'BAD_USER_INPUT';
  if (code === LocalCode.network || [502, 503, 504].includes(error.status)) return 'UPSTREAM_UNAVAILABLE';
  if (code === LocalCode.badResponse || code === LocalCode.missingRow) return 'UPSTREAM_BAD_RESPONSE';
  return 'UPSTREAM_ERROR';
}

/** A client mistake found before any upstream call. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...extensions, code: 'BAD_USER_INPUT' } });
}

/**
 * Yoga's error mask, the one place where upstream failures become GraphQL errors. A `DrsError` becomes
 * a coded error (its DRS code in `drsCode`); anything else unexpected stays masked.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (!(original instanceof DrsError)) return yogaMaskError(error, message, isDev);
  const located = error instanceof GraphQLError ? error : undefined;
  return new GraphQLError(original.message, {
    nodes: located?.nodes,
    source: located?.source,
    positions: located?.positions,
    path: located?.path,
    extensions: {
      code: codeOf(original),
      ...(original.code && !original.code.startsWith('LOCAL.') ? { drsCode: original.code } : {}),
      ...(original.requestId ? { requestId: original.requestId } : {}),
      ...(original.jobId ? { jobId: original.jobId } : {}),
    },
  });
}
