import { isJobIdShape } from '../data/ids.js';
import { duplicateJobs, type Problem, paramEmpty, paramInvalid } from '../http/errors.js';

export type JobsResult = { ok: true; ids: string[] } | { ok: false; problem: Problem };

/**
 * Checks the `jobs` array in the order DRS would: body shape, presence (M00201), type and ID
 * shape of every item (M00202), then duplicates (M00301, or folded when `duplicates: 'dedupe'`).
 * `body` is `undefined` when the bytes were not JSON.
 */
export function validateJobs(body: unknown, duplicates: 'reject' | 'dedupe'): JobsResult {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, problem: paramInvalid('body') };
  const { jobs } = body as { jobs?: unknown };
  const missing = jobs === undefined || jobs === null || (Array.isArray(jobs) && jobs.length === 0);
  if (missing) return { ok: false, problem: paramEmpty('jobs') };
  if (!Array.isArray(jobs)) return { ok: false, problem: paramInvalid('jobs') };
  const ids: string[] = [];
  for (const item of jobs) {
    if (typeof item !== 'string' || !isJobIdShape(item)) return { ok: false, problem: paramInvalid('jobs') };
    ids.push(item);
  }
  const distinct = [...new Set(ids)];
  if (distinct.length !== ids.length && duplicates === 'reject') return { ok: false, problem: duplicateJobs() };
  return { ok: true, ids: distinct };
}
