import type { JOB_STATUSES, StructDetailType } from '../drs/types.js';
import type { ProgressDataType } from '../drs/types-v5.js';

/** What each wire value of the long DRS enums means (REFERENCE §8); typed so a new value needs its line. */

/** REFERENCE §8.1 ([GO] comments, [OTC] task statuses); the DR meaning in parentheses. */
export const JOB_STATUS_DOCS: Record<(typeof JOB_STATUSES)[number], string> = {
  CREATING: 'The job is being created.',
  CREATE_FAILED: 'Creating the job failed.',
  CONFIGURATION: 'The job is being configured (created, not started).',
  STARTJOBING: 'The job is starting.',
  WAITING_FOR_START: 'Scheduled: waiting for its start time.',
  START_JOB_FAILED: 'Starting the job failed.',
  PAUSING: 'Paused (OTC documents it as "being paused").',
  FULL_TRANSFER_STARTED: 'Full transfer running (DR: initializing).',
  FULL_TRANSFER_FAILED: 'Full transfer failed (DR: initialization failed).',
  FULL_TRANSFER_COMPLETE: 'Full transfer complete (DR: initialization complete).',
  INCRE_TRANSFER_STARTED: 'Incremental transfer running (DR: replicating).',
  INCRE_TRANSFER_FAILED: 'Incremental transfer failed (DR: DR exception).',
  RELEASE_RESOURCE_STARTED: 'The job is being stopped and its resources released.',
  RELEASE_RESOURCE_FAILED: 'Stopping the job failed.',
  RELEASE_RESOURCE_COMPLETE: 'Stopped: the job has ended and its resources are released.',
  REBUILD_NODE_STARTED: 'Fault recovery (node rebuild) in progress.',
  REBUILD_NODE_FAILED: 'Fault recovery (node rebuild) failed.',
  CHANGE_JOB_STARTED: 'A change to the job is in progress.',
  CHANGE_JOB_FAILED: 'A change to the job failed.',
  DELETED: 'Deleted. batch-detail may still return the job, or fail with DRS.M05004.',
  CHILD_TRANSFER_STARTING: 'A re-edit sub-job is starting.',
  CHILD_TRANSFER_STARTED: 'A re-edit sub-job is transferring.',
  CHILD_TRANSFER_COMPLETE: 'A re-edit sub-job has completed.',
  CHILD_TRANSFER_FAILED: 'A re-edit sub-job failed.',
  RELEASE_CHILD_TRANSFER_STARTED: 'A re-edit sub-job is stopping.',
  RELEASE_CHILD_TRANSFER_COMPLETE: 'A re-edit sub-job has stopped.',
  NODE_UPGRADE_START: 'The replication node is being upgraded.',
  NODE_UPGRADE_COMPLETE: 'The replication node upgrade completed.',
  NODE_UPGRADE_FAILED: 'The replication node upgrade failed.',
};

/** batch-struct-detail's `{type}` path values (REFERENCE §5). */
export const STRUCT_TYPE_DOCS: Record<StructDetailType, string> = {
  database: 'Databases (path `database`).',
  schema: 'Schemas (path `schema`).',
  table: 'Tables (path `table`).',
  view: 'Views (path `view`).',
  procedure: 'Stored procedures (path `procedure`).',
  trigger: 'Triggers (path `trigger`).',
  index: 'Indexes (path `index`).',
  table_indexs: 'Table indexes (path `table_indexs`, DRS’s spelling).',
  table_structure: 'Table structures (path `table_structure`).',
};

/** progress-data's `{type}` path values (REFERENCE §6): not the same set as batch-struct-detail's. */
export const PROGRESS_TYPE_DOCS: Record<ProgressDataType, string> = {
  table: 'Tables, with the progress of their data (path `table`).',
  event: 'Events (path `event`).',
  table_structure: 'Table structures (path `table_structure`).',
  procedure: 'Stored procedures (path `procedure`).',
  view: 'Views (path `view`).',
  function: 'Functions (path `function`).',
  database: 'Databases (path `database`).',
  trigger: 'Triggers (path `trigger`).',
  table_indexs: 'Table indexes (path `table_indexs`, DRS’s spelling).',
};
