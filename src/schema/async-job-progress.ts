import type {
  JobProgressInfoV5,
  MigrationObjectOverview,
  MigrationObjectProgressInfo,
  TaskLogInfo,
} from '../drs/types-v5.js';
import { builder } from './builder.js';
import { enumFields } from './enum-field.js';
import { JobStatus, TaskMode } from './enums.js';
import { REMAINING_TIME_DEPRECATION } from './progress.js';
import { epochMs, nonEmpty, nonNegative, wholeNumber } from './wire.js';
import { durationSeconds } from './wire-duration.js';

/** How far a v5 job is: its progress, its objects' progress and its log, all carried by its detail. */

export const AsyncJobProgress = builder.objectRef<JobProgressInfoV5>('AsyncJobProgress').implement({
  description: 'Progress of a v5 job (`progress_info`), carried by its detail: no batch-progress call.',
  fields: (t) => ({
    percent: t.float({
      description: 'Overall progress, percent 0–100 (`progress`).',
      resolve: (p) => nonNegative(p.progress),
    }),
    incrementalDelaySeconds: t.float({
      description: 'Replication lag in seconds (`incr_trans_delay`); null before the incremental phase (-1).',
      resolve: (p) => nonNegative(p.incr_trans_delay),
    }),
    incrementalDelayMs: t.float({
      description: 'Replication lag in milliseconds (`incr_trans_delay_millis`); null like the seconds.',
      resolve: (p) => nonNegative(p.incr_trans_delay_millis),
    }),
    ...enumFields(t, 'taskMode', TaskMode, (p) => p.task_mode, 'Full, incremental or both (`task_mode`).'),
    ...enumFields(
      t,
      'transferStatus',
      JobStatus,
      (p) => p.transfer_status,
      'Status of the transfer (`transfer_status`).',
    ),
    processTime: t.string({
      description: 'Migration time (`process_time`) as DRS sent it (v3 sends epoch ms there, "0" for none).',
      resolve: (p) => nonEmpty(p.process_time),
    }),
    remainingSeconds: t.int({
      description: 'Estimated time left, in seconds (`remaining_time`, read as `Progress.remainingSeconds` is).',
      resolve: (p) => durationSeconds(p.remaining_time),
    }),
    remainingTime: t.string({
      description: 'Estimated remaining time exactly as DRS sent it (`remaining_time`).',
      deprecationReason: REMAINING_TIME_DEPRECATION,
      resolve: (p) => nonEmpty(p.remaining_time),
    }),
  }),
});

const ObjectMigrationOverview = builder.objectRef<MigrationObjectOverview>('ObjectMigrationOverview').implement({
  description: 'Progress of one kind of object (`migration_object_overview[]`).',
  fields: (t) => ({
    type: t.string({
      description: 'Kind (`type`), e.g. TABLE, VIEW, INDEX (about 40 kinds).',
      resolve: (o) => nonEmpty(o.type),
    }),
    sourceCount: t.int({ description: 'Objects to migrate (`src_count`).', resolve: (o) => wholeNumber(o.src_count) }),
    targetCount: t.int({ description: 'Objects migrated (`dst_count`).', resolve: (o) => wholeNumber(o.dst_count) }),
    status: t.string({
      description: '`NOT_START`, `TRANSFERING`, `COMPLETED`, `FAILED` or `TRANSFER_WHEN_END` (`status`).',
      resolve: (o) => nonEmpty(o.status),
    }),
    startedAt: t.field({
      type: 'DateTime',
      description: 'Start (`start_time`).',
      resolve: (o) => epochMs(o.start_time),
    }),
    endedAt: t.field({
      type: 'DateTime',
      description: 'End (`end_time`); null until it ends.',
      resolve: (o) => epochMs(o.end_time),
    }),
  }),
});

export const ObjectMigrationProgress = builder
  .objectRef<MigrationObjectProgressInfo>('ObjectMigrationProgress')
  .implement({
    description: 'Object-level progress of a v5 job (`migration_object_progress_info`).',
    fields: (t) => ({
      overview: t.field({
        type: [ObjectMigrationOverview],
        nullable: false,
        description: 'One entry per kind of object (`migration_object_overview`).',
        resolve: (p) => p.migration_object_overview ?? [],
      }),
      fullStartedAt: t.field({
        type: 'DateTime',
        description: 'Start of the full migration (`full_start_time`).',
        resolve: (p) => epochMs(p.full_start_time),
      }),
      fullCompletedAt: t.field({
        type: 'DateTime',
        description: 'End of the full migration (`full_complete_time`).',
        resolve: (p) => epochMs(p.full_complete_time),
      }),
      incrementalStartedAt: t.field({
        type: 'DateTime',
        description: 'Start of the incremental migration (`incr_start_time`).',
        resolve: (p) => epochMs(p.incr_start_time),
      }),
      endedAt: t.field({ type: 'DateTime', description: 'End (`end_time`).', resolve: (p) => epochMs(p.end_time) }),
    }),
  });

export const AsyncJobLog = builder.objectRef<TaskLogInfo>('AsyncJobLog').implement({
  description: 'A log entry of a v5 job (`logs[]`).',
  fields: (t) => ({
    level: t.string({ description: 'Log level (`level`), as DRS sent it.', resolve: (l) => nonEmpty(l.level) }),
    message: t.string({ description: 'Log text (`message`).', resolve: (l) => nonEmpty(l.message) }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'Log time (`create_time`).',
      resolve: (l) => epochMs(l.create_time),
    }),
  }),
});
