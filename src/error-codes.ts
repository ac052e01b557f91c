import { LocalCode } from './drs/errors.js';

/** What the gateway knows of one `extensions.code`. */
export interface CodeFacts {
  /** A client may retry later with a fair chance of success (`extensions.retryable`). */
  retryable: boolean;
  /** The caller's own doing (its input, credential or rights): a DRS call failing so is logged at debug, not warn. */
  caller: boolean;
}

/** The gateway's own codes (src/errors.ts), the ones DRS failures map to through CODE_TABLE. */
const GATEWAY_CODES = {
  BAD_USER_INPUT: { retryable: false, caller: true },
  // Not the caller's for logs: its one DRS-side use, the call budget refusing a retry, follows a DRS failure.
  QUERY_TOO_COMPLEX: { retryable: false, caller: false },
  UNAUTHENTICATED: { retryable: false, caller: true },
  FORBIDDEN: { retryable: false, caller: true },
  NOT_FOUND: { retryable: false, caller: true },
  RATE_LIMITED: { retryable: true, caller: false },
  UPSTREAM_TIMEOUT: { retryable: true, caller: false },
  UPSTREAM_UNAVAILABLE: { retryable: true, caller: false },
  UPSTREAM_BAD_RESPONSE: { retryable: false, caller: false },
  UPSTREAM_ERROR: { retryable: false, caller: false },
} as const satisfies Record<string, CodeFacts>;

/** Refusals made in yoga's pipeline (yoga, plugins, graphql-js), never by DRS; src/coded-errors.ts adds `retryable`. */
const PIPELINE_CODES = {
  // Refusals of the HTTP request before parsing: src/json-only.ts, src/body-limit.ts, yoga's request checks.
  UNSUPPORTED_MEDIA_TYPE: { retryable: false, caller: true },
  REQUEST_ENTITY_TOO_LARGE: { retryable: false, caller: true },
  BAD_REQUEST: { retryable: false, caller: true },
  // graphql-js's syntax and validation errors, coded by yoga (HTTP) or src/coded-errors.ts (graphql-ws).
  GRAPHQL_PARSE_FAILED: { retryable: false, caller: true },
  GRAPHQL_VALIDATION_FAILED: { retryable: false, caller: true },
  // Yoga's refusal of a GET whose document names no operation it can pick.
  OPERATION_RESOLUTION_FAILURE: { retryable: false, caller: true },
  // @graphql-yoga/plugin-persisted-operations (PERSISTED_OPERATIONS_FILE).
  PERSISTED_QUERY_NOT_IN_LIST: { retryable: false, caller: true },
  PERSISTED_QUERY_ID_REQUIRED: { retryable: false, caller: true },
  CANNOT_SEND_PQ_ID_AND_BODY: { retryable: false, caller: true },
  // Yoga's mask of anything unexpected (a bug): the same request fails the same way again.
  INTERNAL_SERVER_ERROR: { retryable: false, caller: false },
} as const satisfies Record<string, CodeFacts>;

/** A code a DRS failure or the gateway's own check answers with. */
export type GatewayCode = keyof typeof GATEWAY_CODES;

/** Every stable `extensions.code` value this gateway answers with. */
export type ErrorCode = GatewayCode | keyof typeof PIPELINE_CODES;

/** Every code the gateway answers with, and what it means for retries and logs. */
export const ERROR_CODES: Readonly<Record<ErrorCode, CodeFacts>> = { ...GATEWAY_CODES, ...PIPELINE_CODES };

const codesWhere = (fact: keyof CodeFacts) =>
  new Set((Object.keys(ERROR_CODES) as ErrorCode[]).filter((code) => ERROR_CODES[code][fact]));

/** Codes a client may retry later with a fair chance of success. */
export const RETRYABLE: ReadonlySet<ErrorCode> = codesWhere('retryable');

/** Codes that describe the caller's request, not a fault of ours or of DRS (log levels). */
export const CALLER_CODES: ReadonlySet<ErrorCode> = codesWhere('caller');

const group = (code: GatewayCode, drsCodes: string[]) => drsCodes.map((drs) => [drs, code] as const);

/** Every DRS and API-gateway code documented for these APIs (REFERENCE §9), and the local ones. */
export const CODE_TABLE: ReadonlyMap<string, GatewayCode> = new Map([
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
export function codeForStatus(status: number): GatewayCode {
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 502 || status === 503 || status === 504) return 'UPSTREAM_UNAVAILABLE';
  return 'UPSTREAM_ERROR';
}
