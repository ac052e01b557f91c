import type { QueryStructDetailResp, StructDetailType, StructDetailVo } from '../../src/drs/types.js';
import { epochString } from './core.js';
import type { LiveJob } from './live.js';
import { DATABASES, OBJECT_VERBS, PROCEDURE_PREFIXES, TABLES, VIEW_PREFIXES } from './pools.js';
import { createRng, type Rng } from './rng.js';

interface TypeShape {
  /** Largest list length for this object type. */
  max: number;
  /** Object names inside one database (the `src_TB` values). */
  names(db: string, rng: Rng): string[];
}

const SCHEMAS = ['public', 'sales', 'hr', 'finance', 'ods', 'dw'];
const tableVariants = () => TABLES.flatMap((t) => [t, `${t}_his`, `${t}_2025`]);

/** One entry per `{type}` the API accepts; its keys are the runtime list of valid types. */
export const STRUCT_TYPES: Readonly<Record<StructDetailType, TypeShape>> = {
  database: { max: 8, names: (db) => [db] },
  schema: { max: 10, names: () => SCHEMAS },
  table: { max: 60, names: tableVariants },
  table_structure: { max: 60, names: tableVariants },
  table_indexs: { max: 40, names: tableVariants },
  view: { max: 15, names: () => TABLES.flatMap((t) => VIEW_PREFIXES.map((p) => `${p}${t}`)) },
  procedure: {
    max: 12,
    names: () => TABLES.flatMap((t) => PROCEDURE_PREFIXES.flatMap((p) => OBJECT_VERBS.map((v) => `${p}${v}_${t}`))),
  },
  trigger: { max: 10, names: () => TABLES.flatMap((t) => [`trg_${t}_bi`, `trg_${t}_au`]) },
  index: { max: 40, names: () => TABLES.flatMap((t) => [`idx_${t}_id`, `idx_${t}_create_time`, `uk_${t}_code`]) },
};

export function isStructType(type: string): type is StructDetailType {
  return Object.hasOwn(STRUCT_TYPES, type);
}

function shuffled<T>(items: readonly T[], rng: Rng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/**
 * An object's progress while the job's full transfer is at `percent`: each object starts at its
 * own point (0–80% of the overall run) and takes a fifth of it, so every object is at 100 once
 * the job is, and the list fills in as the clock moves.
 */
export function objectProgress(job: LiveJob, position: number): number {
  if (job.phase === 'pre') return 0;
  const startsAt = position * 80;
  return Math.max(0, Math.min(100, Math.floor((job.percent - startsAt) * 5)));
}

/** One object of a job's list as seeded: everything but its progress, which follows the clock. */
export interface SeededObject {
  /** Where in the run the object starts (0–1), for objectProgress. */
  position: number;
  srcDb: string;
  name: string;
  dstDb: string;
}

/** The seeded lists, per anchor and type: built once, since names and counts never change. */
const seeded = new WeakMap<LiveJob['anchor'], Map<StructDetailType, SeededObject[]>>();

export function seededObjects(core: LiveJob['anchor'], type: StructDetailType): SeededObject[] {
  let byType = seeded.get(core);
  if (!byType) {
    byType = new Map();
    seeded.set(core, byType);
  }
  let objects = byType.get(type);
  if (!objects) {
    objects = buildSeededObjects(core, type);
    byType.set(type, objects);
  }
  return objects;
}

function buildSeededObjects(core: LiveJob['anchor'], type: StructDetailType): SeededObject[] {
  const rng = createRng('struct', core.ref.seed, core.ref.projectId, core.ref.index, type);
  const shape = STRUCT_TYPES[type];
  // Three-level sources name the database "database.schema" (batch-struct-detail page).
  const threeLevel = core.scenario.source === 'postgresql' || core.scenario.source.startsWith('gaussdbv5');
  const dbs = shuffled(DATABASES, rng).slice(0, rng.int(1, 3));
  const renamed = rng.chance(0.1);
  const candidates = dbs.flatMap((db) => shape.names(db, rng).map((name) => ({ db, name })));
  const count = core.phase === 'pre' && rng.chance(0.5) ? 0 : rng.int(type === 'database' ? 1 : 0, shape.max);
  return shuffled(candidates, rng)
    .slice(0, count)
    .map(({ db, name }) => {
      const srcDb = threeLevel && type !== 'database' && type !== 'schema' ? `${db}.${rng.pick(SCHEMAS)}` : db;
      return { position: rng.next(), srcDb, name, dstDb: renamed ? `${srcDb}_dr` : srcDb };
    });
}

/** batch-struct-detail object of a seeded job for one object type (0 to ~60 objects). */
export function buildStructDetail(job: LiveJob, type: StructDetailType): QueryStructDetailResp {
  // Names and counts come from the seeded state, so the list itself never changes over time.
  const list: StructDetailVo[] = seededObjects(job.anchor, type).map((object) => ({
    progress: objectProgress(job, object.position),
    src_DB: object.srcDb,
    src_TB: object.name,
    dst_DB: object.dstDb,
    dst_TB: object.name,
  }));
  return {
    job_id: job.ref.id,
    struct_detail: { list, total_record: list.length, create_time: epochString(structGeneratedAt(job)) },
  };
}

/** When DRS generated a job's struct details: its last update once started, else its creation. */
export function structGeneratedAt(job: LiveJob): number {
  return job.actualStartTime ? job.updateTime : job.createTime;
}
