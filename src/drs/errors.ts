/**
 * An error DRS (or Huawei's API gateway in front of it) reported, or a failure to reach it.
 * It knows nothing of GraphQL: `src/errors.ts` maps it to a coded GraphQL error.
 */
export class DrsError extends Error {
  override name = 'DrsError';
  /** HTTP status of the upstream answer; 0 when no answer arrived. */
  readonly status: number;
  /** DRS/APIG `error_code` (e.g. `DRS.M05003`, `APIG.0301`), or a local code such as `NETWORK`. */
  readonly code: string | undefined;
  readonly requestId: string | undefined;
  /** Set when the error belongs to one job of a batch (a per-item `error_code`). */
  readonly jobId: string | undefined;

  constructor(init: {
    message: string;
    status: number;
    code?: string | undefined;
    requestId?: string | undefined;
    jobId?: string | undefined;
    cause?: unknown;
  }) {
    super(init.message, { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.jobId = init.jobId;
  }
}

/** Local codes for failures that carry no DRS code. */
export const LocalCode = {
  /** No credential to send: the call was never made. */
  noCredentials: 'LOCAL.NO_CREDENTIALS',
  /** The caller's credential cannot be sent as an HTTP header (a control character, say): never sent. */
  badCredentials: 'LOCAL.BAD_CREDENTIALS',
  /** IAM refused the gateway's own user (DRS_IAM_*): a wrong password, user, domain or project. */
  iamRejected: 'LOCAL.IAM_REJECTED',
  /** No IAM token could be had (IAM unreachable, 5xx, or an answer without a token) and none is left valid. */
  iamUnavailable: 'LOCAL.IAM_UNAVAILABLE',
  /** The operation has sent all the DRS calls it may (MAX_DRS_CALLS_PER_OPERATION): not sent. */
  callBudget: 'LOCAL.CALL_BUDGET',
  /** undici refused to send the request as built (an invalid header): a local fault, not DRS's. */
  badRequest: 'LOCAL.BAD_REQUEST',
  /** The socket failed or timed out before an answer. */
  network: 'LOCAL.NETWORK',
  /** An attempt timed out (connect, headers or body) and no retry was left. */
  timeout: 'LOCAL.TIMEOUT',
  /** The operation's deadline passed before DRS answered. */
  deadline: 'LOCAL.DEADLINE',
  /** The GraphQL client went away; nobody will read this error. */
  aborted: 'LOCAL.ABORTED',
  /** The API's circuit breaker is open: failing fast instead of calling. */
  circuitOpen: 'LOCAL.CIRCUIT_OPEN',
  /** The answer was not the JSON the API documents. */
  badResponse: 'LOCAL.BAD_RESPONSE',
  /** A requested job is absent from a batch answer. */
  missingRow: 'LOCAL.MISSING_ROW',
} as const;

/** One job's per-item `error_code` inside a batch answer. */
export function itemError(jobId: string, code: string, message: string | undefined): DrsError {
  return new DrsError({ message: message || `DRS reported ${code} for job ${jobId}`, status: 200, code, jobId });
}

/** A requested job that the batch answer left out. */
export function missingRowError(jobId: string): DrsError {
  return new DrsError({ message: `DRS answered without job ${jobId}`, status: 200, code: LocalCode.missingRow, jobId });
}

/** A whole-call failure, restated for one job of the call. */
export function forJob(error: DrsError, jobId: string): DrsError {
  const { message, status, code, requestId } = error;
  return new DrsError({ message, status, code, requestId, jobId, cause: error });
}
