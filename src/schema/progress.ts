import type { ProgressInfo, QueryProgressResp } from '../drs/types.js';
import { badUserInput, quoted } from '../errors.js';
import { isJobId } from '../job-id.js';
import type { ProgressEvent } from '../live/progress-hub.js';
import { builder } from './builder.js';
import { enumFields } from './enum-field.js';
import { JobStatus, ProgressPhaseName, TaskMode } from './enums.js';
import { epochMs, nonEmpty, nonNegative } from './wire.js';
import { durationSeconds } from './wire-duration.js';

/** Why the string `remainingTime` fields are deprecated (CHANGELOG, Deprecated). */
export const REMAINING_TIME_DEPRECATION =
  'Use `remainingSeconds` (Int seconds). Kept for at least one release after the one that deprecates it (CHANGELOG).';

interface PhaseDto extends ProgressInfo {
  phase: string;
}

const ProgressPhase = builder.objectRef<PhaseDto>('ProgressPhase').implement({
  description: 'Progress of one phase of the full transfer (structure, data, indexes): an entry of `progress_map`.',
  fields: (t) => ({
    ...enumFields(t, 'phase', ProgressPhaseName, (p) => p.phase, 'Which phase (the `progress_map` key).'),
    completedPercent: t.float({
      description: 'Percent complete, 0–100 (`completed`: DRS sends "94%", this is 94).',
      resolve: (p) => nonNegative(p.completed),
    }),
    remainingSeconds: t.int({
      description: 'Estimated time left for this phase, in seconds (`remaining_time`); null once it is complete.',
      resolve: (p) => durationSeconds(p.remaining_time),
    }),
    remainingTime: t.string({
      description: 'Estimated remaining time exactly as DRS sent it (`remaining_time`).',
      deprecationReason: REMAINING_TIME_DEPRECATION,
      resolve: (p) => nonEmpty(p.remaining_time),
    }),
  }),
});

/** batch-progress of one job. */
export const Progress = builder.objectRef<QueryProgressResp>('Progress').implement({
  description:
    'Transfer progress of a job, from batch-progress (`POST /v3/{project_id}/jobs/batch-progress`, ' +
    '`QueryProgressResp`). Percentages are 0–100; DRS’s `-1` and `"0"` times are null.',
  fields: (t) => ({
    jobId: t.id({ description: 'The job (`job_id`).', resolve: (p) => p.job_id ?? '', nullable: false }),
    percent: t.float({
      description: 'Overall progress, percent 0–100 (`progress`).',
      resolve: (p) => nonNegative(p.progress),
    }),
    ...enumFields(
      t,
      'transferStatus',
      JobStatus,
      (p) => p.transfer_status,
      'Status of the transfer (`transfer_status`).',
    ),
    ...enumFields(t, 'taskMode', TaskMode, (p) => p.task_mode, 'Full, incremental or both (`task_mode`).'),
    incrementalDelaySeconds: t.float({
      description:
        'Replication lag in seconds (`incre_trans_delay`); null before the incremental phase (DRS sends -1).',
      resolve: (p) => nonNegative(p.incre_trans_delay),
    }),
    incrementalDelayMillis: t.float({
      description:
        'Replication lag in milliseconds (`incre_trans_delay_millis`, newer DRS only); null like the seconds.',
      resolve: (p) => nonNegative(p.incre_trans_delay_millis),
    }),
    processTime: t.field({
      type: 'DateTime',
      description: 'Migration time DRS reports (`process_time`, epoch ms); null while it sends "0".',
      resolve: (p) => epochMs(p.process_time),
    }),
    remainingSeconds: t.int({
      description:
        'Estimated time left, in seconds (`remaining_time`; DRS documents no unit, its examples are bare numbers ' +
        'such as "10"). 0 when DRS reports none left; null when absent, negative or unreadable.',
      resolve: (p) => durationSeconds(p.remaining_time),
    }),
    remainingTime: t.string({
      description: 'Estimated remaining time exactly as DRS sent it (`remaining_time`).',
      deprecationReason: REMAINING_TIME_DEPRECATION,
      resolve: (p) => nonEmpty(p.remaining_time),
    }),
    phases: t.field({
      type: [ProgressPhase],
      nullable: false,
      description: 'Per-phase progress of the full transfer (`progress_map`), empty when DRS has none.',
      resolve: (p) => Object.entries(p.progress_map ?? {}).map(([phase, info]) => ({ ...info, phase })),
    }),
  }),
});

builder.subscriptionType({ description: 'Live updates, pushed over SSE or graphql-ws.' });

builder.subscriptionField('jobProgress', (t) =>
  t.field({
    type: Progress,
    description:
      'Pushes a job’s progress whenever it changes (its current state first). Polling is shared: all ' +
      'subscribers with one credential and project poll batch-progress (`POST /v3/{project_id}/jobs/batch-progress`) ' +
      'once per DRS_POLL_INTERVAL_MS (default 5 s), ⌈jobs / DRS_PROGRESS_BATCH_SIZE⌉ calls per poll. A failed ' +
      'poll arrives as a coded error for the jobs it concerns, and the stream carries on. Over SSE or graphql-ws.',
    args: {
      ids: t.arg.idList({ required: true, description: 'DRS job ids to watch: 1 to MAX_IDS_PER_QUERY of them.' }),
    },
    subscribe: (_root, { ids }, ctx) => {
      const list = ids.map(String);
      if (list.length === 0 || list.length > ctx.jobIds.max) {
        throw badUserInput(`Watch 1 to ${ctx.jobIds.max} job ids (got ${list.length})`);
      }
      const bad = list.find((id) => !isJobId(id));
      if (bad !== undefined) throw badUserInput(`"${quoted(bad)}" is not a DRS job id`, { jobId: quoted(bad) });
      return ctx.watchProgress(list);
    },
    resolve: (event: ProgressEvent) => {
      if (event instanceof Error) throw event;
      return event;
    },
  }),
);
