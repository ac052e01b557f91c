import type { QueryFlowCompareDataResp, StructDetailType, StructDetailVo } from '../drs/types.js';
import { builder } from './builder.js';
import { connectionOf, sliceList } from './connection.js';
import { StructObjectType } from './enums.js';
import { pageArgs } from './page-args.js';
import { pageWindow } from './paging.js';
import { epochMs } from './wire.js';

export interface StructDetailDto {
  jobId: string;
  type: StructDetailType;
  detail: QueryFlowCompareDataResp;
}

const StructObject = builder.objectRef<StructDetailVo>('StructObject').implement({
  description: 'One object being initialized, with its source and target names (`StructDetailVo`).',
  fields: (t) => ({
    // DRS documents src_DB/src_TB…, Terraform reads src_db/src_tb…: accept both.
    sourceDatabase: t.string({
      description: 'Source database (`src_DB`); `database.schema` when the source has three levels.',
      resolve: (o) => o.src_DB ?? o.src_db ?? null,
    }),
    sourceObject: t.string({
      description: 'Source object name (`src_TB`).',
      resolve: (o) => o.src_TB ?? o.src_tb ?? null,
    }),
    targetDatabase: t.string({
      description: 'Target database (`dst_DB`).',
      resolve: (o) => o.dst_DB ?? o.dst_db ?? null,
    }),
    targetObject: t.string({
      description: 'Target object name (`dst_TB`).',
      resolve: (o) => o.dst_TB ?? o.dst_tb ?? null,
    }),
    progress: t.int({
      description: 'Percent initialized, 0–100 (`progress`).',
      resolve: (o) => (typeof o.progress === 'number' ? o.progress : null),
    }),
  }),
});

/** DRS answers the whole list; it is sliced here so every list of the schema pages the same way. */
export const STRUCT_OBJECT_LIMITS = { defaultSize: 100, maxSize: 2000 };

const StructObjectConnection = connectionOf(
  'StructObject',
  StructObject,
  'Objects being initialized, paged over the list batch-struct-detail returns.',
);

/** batch-struct-detail of one job and object type. */
export const StructDetail = builder.objectRef<StructDetailDto>('StructDetail').implement({
  description:
    'Initialization details of one kind of object of a job, from batch-struct-detail ' +
    '(`POST /v3/{project_id}/jobs/{type}/batch-struct-detail`, `struct_detail`).',
  fields: (t) => ({
    jobId: t.id({ nullable: false, description: 'The job (`job_id`).', resolve: (s) => s.jobId }),
    type: t.field({
      type: StructObjectType,
      nullable: false,
      description: 'The kind of object asked for.',
      resolve: (s) => s.type,
    }),
    total: t.int({
      description: 'Number of objects DRS counts (`total_record`).',
      resolve: (s) => s.detail.total_record ?? null,
    }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When DRS generated these details (`create_time`, epoch ms); null when it sends "0".',
      resolve: (s) => epochMs(s.detail.create_time),
    }),
    objects: t.field({
      type: StructObjectConnection,
      nullable: false,
      description: `The objects (\`list\`), paged by the gateway over the whole list DRS sends: no further call. At most ${STRUCT_OBJECT_LIMITS.maxSize} edges, default ${STRUCT_OBJECT_LIMITS.defaultSize}.`,
      args: pageArgs(t.arg, STRUCT_OBJECT_LIMITS.maxSize, STRUCT_OBJECT_LIMITS.defaultSize),
      resolve: (s, args) => sliceList(s.detail.list ?? [], pageWindow(args, STRUCT_OBJECT_LIMITS)),
    }),
  }),
});
