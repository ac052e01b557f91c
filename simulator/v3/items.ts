import type { QueryJobResp, QueryProgressResp, QueryStructDetailResp, StructDetailType } from '../../src/drs/types.js';
import type { Resolution } from '../data/catalog.js';
import { buildJobDetail, jobDetailJson } from '../data/detail.js';
import { buildProgress } from '../data/progress.js';
import { buildStructDetail } from '../data/struct.js';
import { structDetailJson } from '../data/struct-json.js';
import { JOB_NOT_FOUND, JOB_RELEASED } from '../http/errors.js';

/** One `results[]` entry and whether it is a per-item error. */
export interface Item<T> {
  value: T;
  failed: boolean;
}

function errorOf(r: Exclude<Resolution, { kind: 'job' }>) {
  return r.kind === 'released' ? JOB_RELEASED : JOB_NOT_FOUND;
}

/** batch-detail names the ID `id` and the message `error_message`. */
export function detailItem(r: Resolution): Item<QueryJobResp> {
  if (r.kind === 'job') return { value: buildJobDetail(r.job), failed: false };
  const e = errorOf(r);
  return { value: { id: r.id, error_code: e.code, error_message: e.message }, failed: true };
}

/** detailItem for the wire: the same object, pre-serialised (the batch-detail hot path). */
export function detailItemJson(r: Resolution): Item<object> {
  return r.kind === 'job' ? { value: jobDetailJson(r.job), failed: false } : detailItem(r);
}

/** batch-status: `{id, status}`, or the ID with `error_code` + `error_message` (OTC QueryJobStatusResp). */
export function statusItem(
  r: Resolution,
): Item<{ id: string; status?: string; error_code?: string; error_message?: string }> {
  if (r.kind === 'job') return { value: { id: r.job.ref.id, status: r.job.status }, failed: false };
  const e = errorOf(r);
  return { value: { id: r.id, error_code: e.code, error_message: e.message }, failed: true };
}

/** batch-progress names the ID `job_id` and the message `error_msg`. */
export function progressItem(r: Resolution): Item<QueryProgressResp> {
  if (r.kind === 'job') return { value: buildProgress(r.job), failed: false };
  const e = errorOf(r);
  return { value: { job_id: r.id, error_code: e.code, error_msg: e.message }, failed: true };
}

/** batch-struct-detail names the ID `job_id` and the message `error_message`. */
export function structItem(r: Resolution, type: StructDetailType): Item<QueryStructDetailResp> {
  if (r.kind === 'job') return { value: buildStructDetail(r.job, type), failed: false };
  const e = errorOf(r);
  return { value: { job_id: r.id, error_code: e.code, error_message: e.message }, failed: true };
}

/** structItem for the wire: the same object, pre-serialised (the batch-struct-detail hot path). */
export function structItemJson(r: Resolution, type: StructDetailType): Item<object> {
  return r.kind === 'job' ? { value: structDetailJson(r.job, type), failed: false } : structItem(r, type);
}
