import type { QueryJobResp } from '../drs/types.js';
import type { builder } from './builder.js';
import { enumFields } from './enum-field.js';
import { ConflictPolicy, DbUseType, JobDirection, JobStatus, NetType, SchemaType, TaskMode } from './enums.js';
import { epochMs, nonEmpty } from './wire.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type JobFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<Types, QueryJobResp & { id: string }>;

/** `Job`'s identity, lifecycle and kind, as batch-detail sends them (REFERENCE §3.3). */
export function jobLifecycleFields(t: JobFieldBuilder) {
  return {
    id: t.exposeID('id', {
      nullable: false,
      description: 'Job id (`id`): 36 characters shaped like a UUID, ending in a DRS suffix such as `jb101`.',
    }),
    name: t.string({ description: 'Job name (`name`).', resolve: (j) => nonEmpty(j.name) }),
    ...enumFields(t, 'status', JobStatus, (j) => j.status, 'Lifecycle status (`status`).'),
    description: t.string({
      description: 'The owner’s description (`description`).',
      resolve: (j) => nonEmpty(j.description),
    }),
    failedReason: t.string({
      description: 'Why the job failed (`failed_reason`); null when it has not.',
      resolve: (j) => nonEmpty(j.failed_reason),
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'Creation time (`create_time`).',
      resolve: (j) => epochMs(j.create_time),
    }),
    updatedAt: t.field({
      type: 'DateTime',
      description: 'Last update (`update_time`).',
      resolve: (j) => epochMs(j.update_time),
    }),
    startedAt: t.field({
      type: 'DateTime',
      description: 'Actual start (`actual_start_time`); null before the job starts.',
      resolve: (j) => epochMs(j.actual_start_time),
    }),
    fullTransferCompletedAt: t.field({
      type: 'DateTime',
      description: 'When the full transfer completed (`full_transfer_complete_time`); null until then.',
      resolve: (j) => epochMs(j.full_transfer_complete_time),
    }),
    ...enumFields(t, 'taskType', TaskMode, (j) => j.task_type, 'Full, incremental or both (`task_type`).'),
    ...enumFields(t, 'dbUseType', DbUseType, (j) => j.db_use_type, 'Migration, sync or DR (`db_use_type`).'),
    ...enumFields(
      t,
      'jobDirection',
      JobDirection,
      (j) => j.job_direction,
      'Direction relative to the cloud (`job_direction`).',
    ),
    ...enumFields(
      t,
      'originalJobDirection',
      JobDirection,
      (j) => j.original_job_direction,
      'Direction at creation (`original_job_direction`); a DR switchover changes `jobDirection` only.',
    ),
    ...enumFields(t, 'netType', NetType, (j) => j.net_type, 'Network the job uses (`net_type`).'),
    ...enumFields(
      t,
      'conflictPolicy',
      ConflictPolicy,
      (j) => j.conflict_policy,
      'Behaviour on data conflicts (`conflict_policy`).',
    ),
    ...enumFields(t, 'schemaType', SchemaType, (j) => j.schema_type, 'How the source is read (`schema_type`).'),
  };
}
