import { jobLogs } from '../data/job-logs.js';
import { paramEmpty, paramInvalid, v5JobNotFound } from '../http/errors.js';
import type { Reply } from '../v3/batch.js';
import { type JobLookup, lookupJob } from './progress-data.js';
import { parseV5Page } from './query.js';

/** ShowJobDetail's `type` values (SDK `model_show_job_detail_request.go`); only `log` is simulated. */
export const JOB_DETAIL_TYPES = [
  'overview',
  'detail',
  'network',
  'precheck',
  'progress',
  'log',
  'compare',
  'file',
  'is_writable',
  'cloud_connection',
  'diagnosis',
  'diagnosis_history',
  'repair_progress',
  'repair_detail',
  'repair_export_status',
] as const;

/** The 200 body of `type=log` for a job at `now`: one page of `logs`, `total_count` the whole log's. */
export function jobLogBody(
  job: Exclude<ReturnType<typeof lookupJob>, 'released' | undefined>,
  now: number,
  offset: number,
  limit: number,
) {
  const logs = jobLogs(job, now);
  return {
    job: { id: job.ref.id, status: job.status, total_count: logs.length, logs: logs.slice(offset, offset + limit) },
  };
}

/**
 * GET /v5/{project_id}/jobs/{job_id}?type=log&offset&limit. `type` is required (DRS.M00201);
 * the other documented types are answered DRS.M00202 here, as the simulator does not model them.
 * offset/limit follow the other v5 lists (0+, 1–1000, default 10) [INF: undocumented for logs].
 * A job DRS does not know, or whose resources are released, is 400 DRS.10000010.
 */
export function handleJobLog(projectId: string, jobId: string, query: URLSearchParams, l: JobLookup): Reply {
  const type = query.get('type');
  if (type === null || type === '') return { ...paramEmpty('type'), outcome: 'bad-request' };
  if (type !== 'log') return { ...paramInvalid('type'), outcome: 'bad-request' };
  const page = parseV5Page(query);
  if (!page.ok) return { ...page.problem, outcome: 'bad-request' };
  const job = lookupJob(projectId, jobId, l);
  if (job === 'released' || job === undefined) return { ...v5JobNotFound(), outcome: 'not-found' };
  return { status: 200, body: jobLogBody(job, l.now, page.value.offset, page.value.limit), outcome: 'ok' };
}
