import { LocalCode } from './drs/errors.js';

/** The stable `extensions.code` values this gateway answers with. */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'QUERY_TOO_COMPLEX'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'UPSTREAM_TIMEOUT'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_BAD_RESPONSE'
  | 'UPSTREAM_ERROR';

/** Codes a client may retry later with a fair chance of success. */
export const RETRYABLE: ReadonlySet<ErrorCode> = new Set(['RATE_LIMITED', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE']);

const group = (code: ErrorCode, drsCodes: string[]) => drsCodes.map((drs) => [drs, code] as const);

/** Every DRS and API-gateway code documented for these APIs (REFERENCE §9), and the local ones. */
export const CODE_TABLE: ReadonlyMap<string, ErrorCode> = new Map([
  ...group('NOT_FOUND', ['DRS.M00002', 'DRS.M00289', 'DRS.M05003', 'DRS.M05004', 'DRS.10000010']),
  ...group('UNAUTHENTICATED', [
    'APIG.0301',
    'APIGW.0301',
    'DRS.M00100',
    LocalCode.noCredentials,
    LocalCode.badCredentials,
    LocalCode.iamRejected,
  ]),
  ...group('FORBIDDEN', ['DRS.M00101', 'DRS.M00102', 'DRS.M00103', 'DRS.M00105', 'DRS.M00261']),
  ...group('RATE_LIMITED', ['APIG.0308', 'APIGW.0308', 'DRS.M01503']),
  ...group('BAD_USER_INPUT', [
    'DRS.M00007',
    'DRS.M00200',
    'DRS.M00201',
    'DRS.M00202',
    'DRS.M00210',
    'DRS.M00211',
    'DRS.M00269',
    'DRS.M00270',
    'DRS.M00271',
    'DRS.M00273',
    'DRS.M00299',
    'DRS.M00300',
    'DRS.M00301',
    'DRS.M00302',
    'DRS.M00303',
    'DRS.M00304',
    'DRS.M00305',
    'DRS.M00306',
    'DRS.M00307',
    'DRS.M00308',
    'DRS.M00401',
    'DRS.M00402',
    'DRS.M00403',
    'APIGW.0201',
    LocalCode.badRequest,
  ]),
  ...group('UPSTREAM_ERROR', [
    'DRS.M00004',
    'DRS.M00277',
    'DRS.M01501',
    'DRS.M01504',
    'DRS.M05006',
    'DRS.M05066',
    'DRS.M06007',
    'DRS.M06011',
    'DRS.M06020',
    'DRS.M06021',
    'DRS.M07000',
    'DRS.KE0002',
    'DRS.10000001',
    'DRS.10030016',
    'APIGW.0101',
  ]),
  ...group('QUERY_TOO_COMPLEX', [LocalCode.callBudget]),
  ...group('UPSTREAM_TIMEOUT', [LocalCode.timeout, LocalCode.deadline]),
  ...group('UPSTREAM_UNAVAILABLE', [
    LocalCode.network,
    LocalCode.circuitOpen,
    LocalCode.aborted,
    LocalCode.iamUnavailable,
  ]),
  ...group('UPSTREAM_BAD_RESPONSE', [LocalCode.badResponse, LocalCode.missingRow]),
]);

/** A code not in the table is judged by its HTTP status. */
export function codeForStatus(status: number): ErrorCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'UPSTREAM_UNAVAILABLE';
  return 'UPSTREAM_ERROR';
}
