import type { Catalog } from './catalog.js';
import { type JobCore, jobCore } from './core.js';
import { createRng } from './rng.js';

/** The engines the async-batch API supports (spec/001 constraints; REFERENCE §7.2). */
export type V5Engine = 'mysql-to-mysql' | 'oracle-to-gaussdbv5' | 'redis-to-gaussredis' | 'rediscluster-to-gaussredis';

/** One job of an async batch: a seeded v3 job (MySQL→MySQL) or a v5-only job with its own core. */
export interface AsyncMember {
  id: string;
  engine: V5Engine;
  /** Set when the job is also served by the v3 APIs (so batch-detail links to it). */
  v3: boolean;
  core: JobCore;
}

export interface AsyncBatch {
  id: string;
  engine: V5Engine;
  members: AsyncMember[];
}

export interface V5Catalog {
  asyncJobIds(projectId: string): string[];
  batch(projectId: string, asyncJobId: string): AsyncBatch | undefined;
  /** A v5-only job (not known to the v3 catalog) by its ID. */
  v5Job(projectId: string, jobId: string): AsyncMember | undefined;
}

/** Batches per project; 0 mirrors the doc example (two Oracle→GaussDB jobs), 1 and 6 are large. */
const BATCHES = 12;
const SUFFIX: Record<V5Engine, string> = {
  'mysql-to-mysql': 'jb101',
  'oracle-to-gaussdbv5': 'jb20r',
  'redis-to-gaussredis': 'jb502',
  'rediscluster-to-gaussredis': 'jb502',
};

interface ProjectV5 {
  batches: AsyncBatch[];
  byId: Map<string, AsyncBatch>;
  v5Jobs: Map<string, AsyncMember>;
}

function v5OnlyJob(seed: number, projectId: string, engine: V5Engine, batch: number, n: number): AsyncMember {
  const rng = createRng('v5-job-id', seed, projectId, batch, n);
  const h = rng.hex(32);
  const tail = h.slice(20, 20 + 12 - SUFFIX[engine].length) + SUFFIX[engine];
  // Variant nibble 8–b like seeded v3 IDs, so it is never one of unknownJobId's (c–f).
  const id = `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${rng.pick(['8', '9', 'a', 'b'])}${h.slice(17, 20)}-${tail}`;
  // Its own core, keyed apart from the v3 jobs of the project; the scenario it draws is unused.
  const core = jobCore({ seed, projectId: `${projectId}/v5/${batch}`, index: n, id, idAt: () => id });
  return { id, engine, v3: false, core };
}

function buildProject(seed: number, projectId: string, catalog: Catalog): ProjectV5 {
  let nextV3 = 0;
  // MySQL→MySQL members are the project's own seeded MySQL jobs, taken in index order.
  const takeMysqlJob = (): JobCore | undefined => {
    while (nextV3 < catalog.jobs) {
      const core = catalog.coreAt(projectId, nextV3++);
      if (core?.scenario.engine === 'mysql') return core;
    }
    return undefined;
  };
  const batches: AsyncBatch[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const rng = createRng('async-batch', seed, projectId, b);
    const id = rng.uuid();
    const weighted = rng.weighted({
      'mysql-to-mysql': 4,
      'oracle-to-gaussdbv5': 3,
      'redis-to-gaussredis': 2,
      'rediscluster-to-gaussredis': 1,
    });
    const engine: V5Engine = b === 0 ? 'oracle-to-gaussdbv5' : b === 1 ? 'mysql-to-mysql' : weighted;
    const size = b === 0 ? 2 : b === 1 ? 36 : b === 6 ? rng.int(30, 45) : rng.int(1, 8);
    const members: AsyncMember[] = [];
    for (let n = 0; n < size; n++) {
      const core = engine === 'mysql-to-mysql' ? takeMysqlJob() : undefined;
      members.push(core ? { id: core.ref.id, engine, v3: true, core } : v5OnlyJob(seed, projectId, engine, b, n));
    }
    batches.push({ id, engine, members });
  }
  const v5Jobs = new Map(batches.flatMap((b) => b.members.filter((m) => !m.v3).map((m) => [m.id, m] as const)));
  return { batches, byId: new Map(batches.map((b) => [b.id, b])), v5Jobs };
}

/** Async batches per project, built on first use (a few hundred seeded cores at most). */
export function createV5Catalog(seed: number, catalog: Catalog, projectIds: readonly string[]): V5Catalog {
  const known = new Set(projectIds);
  const memo = new Map<string, ProjectV5>();
  const project = (projectId: string): ProjectV5 | undefined => {
    if (!known.has(projectId)) return undefined;
    let built = memo.get(projectId);
    if (!built) {
      built = buildProject(seed, projectId, catalog);
      memo.set(projectId, built);
    }
    return built;
  };
  return {
    asyncJobIds: (projectId) => project(projectId)?.batches.map((b) => b.id) ?? [],
    batch: (projectId, asyncJobId) => project(projectId)?.byId.get(asyncJobId),
    v5Job: (projectId, jobId) => project(projectId)?.v5Jobs.get(jobId),
  };
}
