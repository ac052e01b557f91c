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
  description: 'One object being initialized, with its source and target names.',
  fields: (t) => ({
    // DRS documents src_DB/src_TB…, Terraform reads src_db/src_tb…: accept both.
    sourceDatabase: t.string({ resolve: (o) => o.src_DB ?? o.src_db ?? null }),
    sourceObject: t.string({ resolve: (o) => o.src_TB ?? o.src_tb ?? null }),
    targetDatabase: t.string({ resolve: (o) => o.dst_DB ?? o.dst_db ?? null }),
    targetObject: t.string({ resolve: (o) => o.dst_TB ?? o.dst_tb ?? null }),
    progress: t.int({
      description: 'Percent, 0–100.',
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
  description: 'Initialization details of one kind of object of a job (batch-struct-detail).',
  fields: (t) => ({
    jobId: t.id({ nullable: false, resolve: (s) => s.jobId }),
    type: t.field({ type: StructObjectType, nullable: false, resolve: (s) => s.type }),
    total: t.int({ description: 'Number of objects DRS counts.', resolve: (s) => s.detail.total_record ?? null }),
    createdAt: t.field({
      type: 'DateTime',
      description: 'When DRS generated these details.',
      resolve: (s) => epochMs(s.detail.create_time),
    }),
    objects: t.field({
      type: StructObjectConnection,
      nullable: false,
      description: `At most ${STRUCT_OBJECT_LIMITS.maxSize} edges, default ${STRUCT_OBJECT_LIMITS.defaultSize}.`,
      args: pageArgs(t.arg, STRUCT_OBJECT_LIMITS.maxSize, STRUCT_OBJECT_LIMITS.defaultSize),
      resolve: (s, args) => sliceList(s.detail.list ?? [], pageWindow(args, STRUCT_OBJECT_LIMITS)),
    }),
  }),
});
