import type { QueryJobResp } from '../../src/drs/types.js';
import { JsonTemplate, type RawJson } from '../http/raw-json.js';
import { epochString, type JobCore } from './core.js';
import { buildAnchorDetail } from './jobs.js';
import type { LiveJob } from './live.js';

/** Fields of a batch-detail object that move with the clock; everything else is fixed by the seed. */
const LIVE_FIELDS = ['status', 'actual_start_time', 'full_transfer_complete_time', 'update_time', 'failed_reason'];

interface Cached {
  template: JsonTemplate;
  /** The seeded failure reason, kept unless the job fails again live. */
  reason: string | undefined;
}

/** One template per memoised core (the catalog bounds how many cores stay alive). */
const templates = new WeakMap<JobCore, Cached>();

function liveFields(job: LiveJob): Record<string, string> {
  return {
    status: job.status,
    actual_start_time: epochString(job.actualStartTime),
    full_transfer_complete_time: epochString(job.fullCompleteTime),
    update_time: epochString(job.updateTime),
  };
}

/**
 * The batch-detail object of a job at one instant: the anchor detail with its time-dependent
 * fields replaced (a fresh object every call).
 */
export function buildJobDetail(job: LiveJob): QueryJobResp {
  const detail: QueryJobResp = { ...buildAnchorDetail(job.anchor, job.scheduledStart), ...liveFields(job) };
  if (job.failedReason !== undefined) detail.failed_reason = job.failedReason;
  return detail;
}

/**
 * `JSON.stringify(buildJobDetail(job))`, byte for byte, from a per-job template: the hot path of
 * batch-detail (see raw-json.ts).
 */
export function jobDetailJson(job: LiveJob): RawJson {
  let cached = templates.get(job.anchor);
  if (!cached) {
    const anchor = buildAnchorDetail(job.anchor, job.scheduledStart);
    const reason = anchor.failed_reason;
    cached = { template: new JsonTemplate(anchor as Record<string, unknown>, LIVE_FIELDS), reason };
    templates.set(job.anchor, cached);
  }
  const values = liveFields(job);
  const { template, reason } = cached;
  if (job.failedReason === undefined) return template.fill({ ...values, failed_reason: reason ?? '' });
  if (reason !== undefined) return template.fill({ ...values, failed_reason: job.failedReason });
  return template.fill(values, { failed_reason: job.failedReason });
}
