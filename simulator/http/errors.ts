import type { DrsErrorBody } from '../../src/drs/types.js';

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

/** progress-data for a job DRS does not know: the spec page's own 400 example. */
export function taskNotFound(): Problem {
  return drsProblem(400, 'DRS.M05003', 'Task information not found.');
}

export function taskReleased(): Problem {
  return drsProblem(400, JOB_RELEASED.code, JOB_RELEASED.message);
}

/** batch-async-jobs for an unknown ID: the page documents only this generic 400 (REFERENCE §9.3). */
export function asyncJobFailed(): Problem {
  return drsProblem(400, 'DRS.10000001', 'Failed.');
}

export function serviceAbnormal(): Problem {
  return drsProblem(500, 'DRS.M00004', 'Service is abnormal. Check logs.');
}

/** APIG's flow-control answer (REFERENCE §9.4); `limit` is requests per second. */
export function throttled(limit: number, requestId: string): Problem {
  const msg = `The throttling threshold has been reached: policy user over ratelimit,limit:${limit},time:1 second`;
  return apigProblem(429, 'APIG.0308', msg, requestId);
}

/** What APIG answers when its backend fails ([INF]: APIG's backend-unavailable / timeout codes). */
export function backendProblem(status: 502 | 503 | 504, requestId: string): Problem {
  if (status === 504) return apigProblem(504, 'APIG.0203', 'Backend timeout', requestId);
  return apigProblem(status, 'APIG.0202', 'Backend unavailable', requestId);
}

/** A v5 job the API cannot find (REFERENCE §9.3; Terraform reads 400 + this code as "gone"). */
export function v5JobNotFound(): Problem {
  return drsProblem(400, 'DRS.10000010', 'Job does not exist, please check job ID.');
}
