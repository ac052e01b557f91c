import type { TaskLogInfo } from './types-v5.js';

/** Wire types of the discovery APIs (REFERENCE §15): the tenant job list, batch-status, the job log. */

/** `POST /v3/{project_id}/jobs` body (SDK `QueryJobsReq`; OTC "Querying Tasks of a Tenant"). */
export interface QueryJobsReq {
  /** Page, from 1 (0 = every item). */
  cur_page: number;
  /** Rows per page, 0–100. */
  per_page: number;
  /** Required: one scenario per call. */
  db_use_type: string;
  /** Absent means `mysql` on the OTC page; `""` (its example) means every engine. */
  engine_type: string;
  net_type: string;
  status: string;
  /** A name or a job id (several ids comma-separated). */
  name: string;
  /** Absent = every enterprise project; it "cannot be left blank". */
  enterprise_project_id?: string;
}

/** One row of the tenant job list (SDK `JobInfo`). */
export interface JobInfo {
  id?: string;
  name?: string;
  status?: string;
  description?: string;
  /** "2020-12-21 10:57:49" in the published example. */
  create_time?: string;
  engine_type?: string;
  net_type?: string;
  billing_tag?: boolean;
  job_direction?: string;
  db_use_type?: string;
  task_type?: string;
}

export interface QueryJobsResponse {
  /** Rows of the whole list, whatever the page. */
  total_record?: number;
  jobs: JobInfo[];
}

/** `POST /v3/{project_id}/jobs/batch-status` result item (OTC `QueryJobStatusResp`). */
export interface QueryJobStatusResp {
  id?: string;
  status?: string;
  error_code?: string;
  error_message?: string;
}

export interface BatchListJobStatusResponse {
  count?: number;
  results?: QueryJobStatusResp[];
}

/** `GET /v5/{project_id}/jobs/{job_id}?type=log` (SDK `ShowJobDetailResponse` → `JobDetailResp`). */
export interface ShowJobLogResponse {
  job: {
    id?: string;
    /** Log lines in the whole log, whatever the page. */
    total_count?: number;
    logs?: TaskLogInfo[];
  };
}
