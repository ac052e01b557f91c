import type { StructDetailVo } from '../../src/drs/types.js';
import type { FlowCompareData, ProgressDataType } from '../v5/wire.js';
import { epochString } from './core.js';
import type { LiveJob } from './live.js';
import { DATABASES, OBJECT_VERBS, TABLES } from './pools.js';
import { createRng, hash32 } from './rng.js';
import { buildStructDetail, isStructType, objectProgress } from './struct.js';

/** One progress-data listing: its total and a way to cut any page of it. */
export interface FlowListing {
  count: number;
  createTime: string;
  page(offset: number, limit: number): FlowCompareData[];
}

const TABLE_LIKE: ReadonlySet<string> = new Set(['table', 'table_structure', 'table_indexs']);

function fromStruct(vo: StructDetailVo): FlowCompareData {
  return { src_db: vo.src_DB, src_tb: vo.src_TB, dst_db: vo.dst_DB, dst_tb: vo.dst_TB, progress: vo.progress };
}

/** event and function exist only in progress-data (batch-struct-detail has no such type). */
function ownRows(job: LiveJob, type: 'event' | 'function'): FlowCompareData[] {
  const core = job.anchor;
  const rng = createRng('flow', core.ref.seed, core.ref.projectId, core.ref.index, type);
  const db = rng.pick(DATABASES);
  const count = core.phase === 'pre' ? 0 : rng.int(0, 12);
  return Array.from({ length: count }, () => {
    const name =
      type === 'event' ? `evt_${rng.pick(TABLES)}_cleanup` : `fn_${rng.pick(OBJECT_VERBS)}_${rng.pick(TABLES)}`;
    return { src_db: db, src_tb: name, dst_db: db, dst_tb: name, progress: objectProgress(job, rng.next()) };
  });
}

/** Big schemas: a few jobs carry 2,000–3,000 tables so clients have to page through them. */
function extraTables(job: LiveJob): number {
  const core = job.anchor;
  const rng = createRng('flow-size', core.ref.seed, core.ref.projectId, core.ref.index);
  return rng.chance(0.08) ? rng.int(2000, 3000) : 0;
}

function extraRow(job: LiveJob, i: number): FlowCompareData {
  const h = hash32(job.ref.seed, job.ref.index, i);
  const db = DATABASES[h % DATABASES.length] ?? 'appdb';
  const tb = `${TABLES[i % TABLES.length]}_${String(i).padStart(4, '0')}`;
  return { src_db: db, src_tb: tb, dst_db: db, dst_tb: tb, progress: objectProgress(job, (h >>> 8) / 16_777_216) };
}

/**
 * progress-data rows of a job: the objects batch-struct-detail lists for the same type (same
 * names, same progress, lower-case keys as this API spells them), followed for big jobs by
 * thousands more tables generated row by row, so any page costs only its own rows.
 */
export function flowListing(job: LiveJob, type: ProgressDataType): FlowListing {
  let base: FlowCompareData[];
  let createTime: string;
  if (isStructType(type)) {
    const detail = buildStructDetail(job, type).struct_detail;
    base = (detail?.list ?? []).map(fromStruct);
    createTime = detail?.create_time ?? '0';
  } else {
    base = ownRows(job, type);
    createTime = epochString(job.actualStartTime ? job.updateTime : job.createTime);
  }
  const extra = TABLE_LIKE.has(type) ? extraTables(job) : 0;
  return {
    count: base.length + extra,
    createTime,
    page(offset, limit) {
      const end = Math.min(base.length + extra, offset + limit);
      const out: FlowCompareData[] = [];
      for (let i = offset; i < end; i++)
        out.push(i < base.length ? (base[i] as FlowCompareData) : extraRow(job, i - base.length));
      return out;
    },
  };
}
