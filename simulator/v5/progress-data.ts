import type { Catalog } from '../data/catalog.js';
import { flowListing } from '../data/flow-rows.js';
import { type LiveJob, liveJob } from '../data/live.js';
import type { V5Catalog } from '../data/v5-catalog.js';
import { paramInvalid, taskNotFound, taskReleased } from '../http/errors.js';
import type { Reply } from '../v3/batch.js';
import { parseV5Page, type V5Page } from './query.js';
import { PROGRESS_DATA_TYPES, type ProgressDataType, type ShowProgressDataResponse } from './wire.js';

export interface JobLookup {
  catalog: Catalog;
  v5: V5Catalog;
  releasedRate: number;
  now: number;
}

export function isProgressDataType(type: string): type is ProgressDataType {
  return (PROGRESS_DATA_TYPES as readonly string[]).includes(type);
}

/** A job of the project by ID at `now`: a seeded v3 job or a v5-only async-batch job. */
export function lookupJob(projectId: string, jobId: string, l: JobLookup): LiveJob | 'released' | undefined {
  const r = l.catalog.resolve(projectId, jobId, l.releasedRate, l.now);
  if (r.kind === 'job') return r.job;
  if (r.kind === 'released') return 'released';
  const member = l.v5.v5Job(projectId, jobId);
  return member ? liveJob(member.core, l.now) : undefined;
}

/** The body progress-data answers for one job, type and page. */
export function progressDataBody(job: LiveJob, type: ProgressDataType, page: V5Page): ShowProgressDataResponse {
  const listing = flowListing(job, type);
  return {
    count: listing.count,
    create_time: listing.createTime,
    flow_compare_data: listing.page(page.offset, page.limit),
  };
}

/**
 * GET /v5/{project_id}/jobs/{job_id}/progress-data/{type}. Path and query are bound before the
 * job is looked up, so a bad type or limit wins over an unknown job. Any job ID DRS cannot
 * find, well-formed or not, is the page's 400 DRS.M05003; a released job is DRS.M05004.
 */
export function handleProgressData(
  projectId: string,
  jobId: string,
  type: string,
  query: URLSearchParams,
  l: JobLookup,
): Reply {
  if (!isProgressDataType(type)) return { ...paramInvalid('type'), outcome: 'bad-request' };
  const page = parseV5Page(query);
  if (!page.ok) return { ...page.problem, outcome: 'bad-request' };
  const job = lookupJob(projectId, jobId, l);
  if (job === 'released') return { ...taskReleased(), outcome: 'not-found' };
  if (!job) return { ...taskNotFound(), outcome: 'not-found' };
  return { status: 200, body: progressDataBody(job, type, page.value), outcome: 'ok' };
}
