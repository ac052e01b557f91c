import { liveJob } from '../data/live.js';
import type { AsyncBatch } from '../data/v5-catalog.js';
import { buildV5Job } from '../data/v5-job.js';
import { asyncJobFailed } from '../http/errors.js';
import type { Reply } from '../v3/batch.js';
import { parseV5Page, type V5Page } from './query.js';
import type { ListAsyncJobDetailResponse } from './wire.js';

/** Newest first (the page's documented order), ties broken by ID so pages never overlap. */
function newestFirst(batch: AsyncBatch) {
  return [...batch.members].sort((a, b) => b.core.createTime - a.core.createTime || a.id.localeCompare(b.id));
}

/** The body batch-async-jobs answers for one batch and page at `now`. */
export function asyncJobBody(
  projectId: string,
  batch: AsyncBatch,
  page: V5Page,
  now: number,
): ListAsyncJobDetailResponse {
  const members = newestFirst(batch).slice(page.offset, page.offset + page.limit);
  return {
    total_count: batch.members.length,
    jobs: members.map((m) => buildV5Job(m, liveJob(m.core, now), projectId)),
  };
}

/** GET /v5/{project_id}/batch-async-jobs/{async_job_id}; an unknown ID is 400 DRS.10000001. */
export function handleAsyncJobDetail(
  projectId: string,
  batch: AsyncBatch | undefined,
  query: URLSearchParams,
  now: number,
): Reply {
  const page = parseV5Page(query);
  if (!page.ok) return { ...page.problem, outcome: 'bad-request' };
  if (!batch) return { ...asyncJobFailed(), outcome: 'not-found' };
  return { status: 200, body: asyncJobBody(projectId, batch, page.value, now), outcome: 'ok' };
}
