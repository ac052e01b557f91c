import { DEFAULT_BATCH_SIZE, DEFAULT_PROGRESS_BATCH_SIZE, DEFAULT_STRUCT_BATCH_SIZE } from '../config.js';
import { UPSTREAM_PAGE_MAX } from './paging.js';

/**
 * The DRS API behind a field and what it costs, worded once for every description that names it.
 * Batch sizes are the defaults of their variables, read from the config module so they cannot drift.
 */
export const COST = {
  detail:
    'batch-detail (`POST /v3/{project_id}/jobs/batch-detail`): all jobs of one operation share ' +
    `⌈jobs / DRS_BATCH_SIZE⌉ calls (default ${DEFAULT_BATCH_SIZE} ids per call, DRS's recommendation).`,
  progress:
    'batch-progress (`POST /v3/{project_id}/jobs/batch-progress`): all jobs of one operation share ' +
    `⌈jobs / DRS_PROGRESS_BATCH_SIZE⌉ calls (default ${DEFAULT_PROGRESS_BATCH_SIZE} ids per call), ` +
    'started in the same tick as batch-detail when selected under `job`/`jobs`.',
  struct:
    'batch-struct-detail (`POST /v3/{project_id}/jobs/{type}/batch-struct-detail`): one call per object ' +
    `type per ⌈jobs / DRS_STRUCT_BATCH_SIZE⌉ (default ${DEFAULT_STRUCT_BATCH_SIZE} ids per call), started ` +
    'with batch-detail; DRS answers the whole list and the gateway pages it.',
  progressData:
    'progress-data (`GET /v5/{project_id}/jobs/{job_id}/progress-data/{type}`, v5, only in some regions): ' +
    `one call per job, object type and ${UPSTREAM_PAGE_MAX} rows asked for; \`last\` without \`before\` ` +
    'costs one more call first, to learn the total.',
  asyncJobs: 'batch-async-jobs (`GET /v5/{project_id}/batch-async-jobs/{async_job_id}`, v5, only in some regions)',
} as const;
