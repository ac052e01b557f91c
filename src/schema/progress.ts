import type { ProgressInfo, QueryProgressResp } from '../drs/types.js';
import { badUserInput, quoted } from '../errors.js';
import { isJobId } from '../job-id.js';
import type { ProgressEvent } from '../live/progress-hub.js';
import { builder } from './builder.js';
import { enumFields } from './enum-field.js';
import { JobStatus, ProgressPhaseName, TaskMode } from './enums.js';
import { epochMs, nonEmpty, nonNegative } from './wire.js';

interface PhaseDto extends ProgressInfo {
  phase: string;
}

const ProgressPhase = builder.objectRef<PhaseDto>('ProgressPhase').implement({
  description: 'Progress of one phase of the full transfer (structure, data, indexes).',
  fields: (t) => ({
    ...enumFields(t, 'phase', ProgressPhaseName, (p) => p.phase, 'Which phase.'),
    completedPercent: t.float({
      description: 'DRS sends "94%"; this is 94.',
      resolve: (p) => nonNegative(p.completed),
    }),
    remainingTime: t.string({
      description: 'Estimated remaining time, as DRS words it.',
      resolve: (p) => nonEmpty(p.remaining_time),
    }),
  }),
});

/** batch-progress of one job. */
export const Progress = builder.objectRef<QueryProgressResp>('Progress').implement({
  description: 'Transfer progress of a job (batch-progress).',
  fields: (t) => ({
    jobId: t.id({ resolve: (p) => p.job_id ?? '', nullable: false }),
    percent: t.float({ description: 'Overall progress, 0–100.', resolve: (p) => nonNegative(p.progress) }),
    ...enumFields(t, 'transferStatus', JobStatus, (p) => p.transfer_status, 'Status of the transfer.'),
    ...enumFields(t, 'taskMode', TaskMode, (p) => p.task_mode, 'Full, incremental or both.'),
    incrementalDelaySeconds: t.float({
      description: 'Replication lag; null before the incremental phase (DRS sends -1).',
      resolve: (p) => nonNegative(p.incre_trans_delay),
    }),
    incrementalDelayMillis: t.float({ resolve: (p) => nonNegative(p.incre_trans_delay_millis) }),
    processTime: t.field({
      type: 'DateTime',
      description: 'Migration time DRS reports (epoch ms); null while it sends "0".',
      resolve: (p) => epochMs(p.process_time),
    }),
    remainingTime: t.string({
      description: 'Estimated remaining time, as DRS words it.',
      resolve: (p) => nonEmpty(p.remaining_time),
    }),
    phases: t.field({
      type: [ProgressPhase],
      nullable: false,
      description: 'Per-phase progress (`progress_map`), empty when DRS has none.',
      resolve: (p) => Object.entries(p.progress_map ?? {}).map(([phase, info]) => ({ ...info, phase })),
    }),
  }),
});

builder.subscriptionType({});

builder.subscriptionField('jobProgress', (t) =>
  t.field({
    type: Progress,
    description:
      'Pushes a job’s progress whenever it changes (its current state first). Polling is shared: all ' +
      'subscribers with one credential poll batch-progress once per interval. A failed poll arrives ' +
      'as a coded error for the jobs it concerns, and the stream carries on.',
    args: { ids: t.arg.idList({ required: true }) },
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
