import type { DrsErrorBody } from '../src/drs/types.js';

/** A finished non-2xx answer: HTTP status plus the top-level error body. */
export interface Problem {
  status: number;
  body: DrsErrorBody;
}

/** Per-item codes (REFERENCE §1/§9.2); M00289 is what Terraform sees for a job that never existed. */
export const JOB_NOT_FOUND = { code: 'DRS.M00289', message: 'The job does not exist, please check the job ID.' };
export const JOB_RELEASED = {
  code: 'DRS.M05004',
  message: 'The task has been deleted or the resource has been released.',
};

export function drsProblem(status: number, code: string, msg: string): Problem {
  return { status, body: { error_code: code, error_msg: msg } };
}

/** DRS.M00201, worded as the published example body (not the error table's variant). */
export function paramEmpty(name: string): Problem {
  return drsProblem(400, 'DRS.M00201', `The ${name} parameter is empty.`);
}

/** DRS.M00202, worded as the published example body. */
export function paramInvalid(name: string): Problem {
  return drsProblem(400, 'DRS.M00202', `The value of ${name} is invalid.`);
}

/** DRS.M00210: a page_req number outside its documented range. */
export function pageInvalid(detail: string): Problem {
  return drsProblem(400, 'DRS.M00210', `The value of Page is invalid, ${detail}`);
}

/** DRS.M00211: cur_page past the last page of the IDs sent. */
export function pageTooHigh(): Problem {
  return drsProblem(400, 'DRS.M00211', 'The value of Page exceeds the upper limit.');
}

export function duplicateJobs(): Problem {
  return drsProblem(400, 'DRS.M00301', 'There are duplicate jobs in request.');
}

export function invalidProject(): Problem {
  return drsProblem(403, 'DRS.M00261', 'Invalid project ID.');
}

/** API-gateway errors carry the request id in the body too. */
export function apigProblem(status: number, code: string, msg: string, requestId: string): Problem {
  return { status, body: { error_msg: msg, error_code: code, request_id: requestId } };
}

export function apiNotFound(requestId: string): Problem {
  return apigProblem(
    404,
    'APIGW.0101',
    'The API does not exist or has not been published in the environment',
    requestId,
  );
}

export function bodyTooLarge(requestId: string): Problem {
  return apigProblem(413, 'APIGW.0201', 'Request entity too large', requestId);
}
