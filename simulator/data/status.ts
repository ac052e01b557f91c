import type { JOB_STATUSES } from '../../src/drs/types.js';

export type JobStatus = (typeof JOB_STATUSES)[number];

/**
 * How often each of the 29 statuses is seeded. Typed as a full Record so the compiler fails if
 * the wire list in src/drs/types.ts gains or loses a status. Running jobs dominate, as in a
 * real tenant; every status still appears in a thousand jobs.
 */
export const STATUS_WEIGHTS: Readonly<Record<JobStatus, number>> = {
  INCRE_TRANSFER_STARTED: 300,
  FULL_TRANSFER_STARTED: 130,
  CONFIGURATION: 100,
  DELETED: 60,
  RELEASE_RESOURCE_COMPLETE: 55,
  FULL_TRANSFER_COMPLETE: 40,
  PAUSING: 30,
  INCRE_TRANSFER_FAILED: 25,
  FULL_TRANSFER_FAILED: 20,
  CREATING: 20,
  STARTJOBING: 20,
  WAITING_FOR_START: 20,
  CREATE_FAILED: 15,
  START_JOB_FAILED: 10,
  RELEASE_RESOURCE_STARTED: 10,
  RELEASE_RESOURCE_FAILED: 5,
  REBUILD_NODE_STARTED: 5,
  REBUILD_NODE_FAILED: 5,
  CHANGE_JOB_STARTED: 5,
  CHANGE_JOB_FAILED: 5,
  CHILD_TRANSFER_STARTING: 3,
  CHILD_TRANSFER_STARTED: 3,
  CHILD_TRANSFER_COMPLETE: 3,
  CHILD_TRANSFER_FAILED: 3,
  RELEASE_CHILD_TRANSFER_STARTED: 3,
  RELEASE_CHILD_TRANSFER_COMPLETE: 3,
  NODE_UPGRADE_START: 3,
  NODE_UPGRADE_COMPLETE: 3,
  NODE_UPGRADE_FAILED: 3,
};

/** Where a job is in its life: drives timestamps, progress and struct-detail. */
export type Phase = 'pre' | 'full' | 'full-done' | 'incre' | 'ended';

const PRE: readonly JobStatus[] = [
  'CREATING',
  'CREATE_FAILED',
  'CONFIGURATION',
  'STARTJOBING',
  'WAITING_FOR_START',
  'START_JOB_FAILED',
];
const FULL: readonly JobStatus[] = [
  'FULL_TRANSFER_STARTED',
  'FULL_TRANSFER_FAILED',
  'CHILD_TRANSFER_STARTING',
  'CHILD_TRANSFER_STARTED',
];
const ENDED: readonly JobStatus[] = [
  'RELEASE_RESOURCE_STARTED',
  'RELEASE_RESOURCE_FAILED',
  'RELEASE_RESOURCE_COMPLETE',
  'RELEASE_CHILD_TRANSFER_STARTED',
  'RELEASE_CHILD_TRANSFER_COMPLETE',
  'DELETED',
];

/** `paused` is a coin flip because a paused job may have stopped in either phase. */
export function phaseOf(status: JobStatus, paused: 'full' | 'incre'): Phase {
  if (PRE.includes(status)) return 'pre';
  if (FULL.includes(status)) return 'full';
  if (ENDED.includes(status)) return 'ended';
  if (status === 'FULL_TRANSFER_COMPLETE' || status === 'CHILD_TRANSFER_COMPLETE') return 'full-done';
  if (status === 'PAUSING') return paused;
  return 'incre';
}

const FAILURE_REASONS: Readonly<Partial<Record<JobStatus, readonly string[]>>> = {
  CREATE_FAILED: [
    'Failed to create the replication instance: insufficient quota of ECS in the AZ.',
    'DRS.M05066 Failed to create instance!',
  ],
  START_JOB_FAILED: [
    'Failed to start the task: the source database cannot be connected.',
    'The pre-check has not passed.',
  ],
  FULL_TRANSFER_FAILED: [
    'Disk space of the destination database is insufficient.',
    "Table 'orders.order_item' doesn't exist in the destination database.",
    'Communications link failure: the last packet successfully received from the server was 30,012 milliseconds ago.',
  ],
  INCRE_TRANSFER_FAILED: [
    'The binlog of the source database has been cleared; the incremental position 1843 cannot be found.',
    "Duplicate entry '10086' for key 'PRIMARY'.",
    'The source database account does not have the REPLICATION SLAVE privilege.',
  ],
  RELEASE_RESOURCE_FAILED: ['Failed to release the replication instance, retry later.'],
  REBUILD_NODE_FAILED: ['Fault recovery failed: the standby node cannot be rebuilt.'],
  CHANGE_JOB_FAILED: ['Failed to modify the task: the object list cannot be changed in the current status.'],
  CHILD_TRANSFER_FAILED: ['The re-edited sub-task failed: the destination table already contains data.'],
  NODE_UPGRADE_FAILED: ['The replication instance upgrade failed and was rolled back.'],
};

export function failureReasons(status: JobStatus): readonly string[] | undefined {
  return FAILURE_REASONS[status];
}
