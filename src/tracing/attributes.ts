/**
 * Span attribute names. The stable HTTP ones come from @opentelemetry/semantic-conventions; these are
 * still "incubating" there, and OpenTelemetry advises copying such names rather than importing them
 * (their entry point may change in a minor release), so they are spelt here.
 */
export const GRAPHQL_OPERATION_TYPE = 'graphql.operation.type';
export const GRAPHQL_OPERATION_NAME = 'graphql.operation.name';
export const URL_TEMPLATE = 'url.template';

/** The gateway's request id (`X-Request-Id`), to find the operation's log lines and DRS calls. */
export const GATEWAY_REQUEST_ID = 'drs.gateway.request_id';
/** The distinct `extensions.code`s of an operation's errors (codes only: messages may name jobs). */
export const GATEWAY_ERROR_CODES = 'drs.gateway.error_codes';

/** Which DRS API an attempt called, e.g. `batch-detail`. */
export const DRS_API = 'drs.api';
/** DRS's (or Huawei's API gateway's) `error_code`, e.g. `DRS.M05003`, when it sent one. */
export const DRS_ERROR_CODE = 'drs.error_code';
/** DRS's own `X-Request-Id` for the attempt: what Huawei support asks for. */
export const DRS_REQUEST_ID = 'drs.request_id';
