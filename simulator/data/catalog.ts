import { type JobCore, type JobRef, jobCore } from './core.js';
import { createIdCodec, type JobIdCodec, MAX_JOBS } from './ids.js';
import { type LiveJob, liveJob } from './live.js';
import { Memo } from './memo.js';
import { createRng } from './rng.js';

/** What a job ID means in one project at one instant. */
export type Resolution =
  | { kind: 'job'; job: LiveJob }
  /** Seeded, but its resources are gone: per-item DRS.M05004. */
  | { kind: 'released'; id: string }
  /** Not a job of this project: per-item DRS.M00289. */
  | { kind: 'unknown'; id: string };

interface Seeded {
  releasedRoll: number;
  core: JobCore;
}

/** Seeded jobs of every project, generated on demand; only a bounded memo is kept. */
export interface Catalog {
  jobIds(projectId: string, count: number, start: number): string[];
  /** `now` is the simulated instant the answer describes. */
  resolve(projectId: string, id: string, releasedRate: number, now: number): Resolution;
  /** The seeded job at `index` (undefined past the job count). */
  coreAt(projectId: string, index: number): JobCore | undefined;
  readonly jobs: number;
}

export function createCatalog(seed: number, jobs: number, projectIds: readonly string[]): Catalog {
  if (!Number.isInteger(jobs) || jobs < 0 || jobs > MAX_JOBS)
    throw new RangeError(`jobs must be an integer in [0, ${MAX_JOBS}]`);
  const codecs = new Map<string, JobIdCodec>(projectIds.map((p) => [p, createIdCodec(seed, p)]));
  const codecOf = (projectId: string): JobIdCodec => {
    const codec = codecs.get(projectId);
    if (!codec) throw new Error(`unknown simulator project ${projectId}`);
    return codec;
  };
  const coreAt = (projectId: string, index: number): JobCore | undefined => {
    const codec = codecs.get(projectId);
    if (!codec || !Number.isInteger(index) || index < 0 || index >= jobs) return undefined;
    const ref: JobRef = { seed, projectId, index, id: codec.idAt(index), idAt: codec.idAt };
    return jobCore(ref);
  };
  // What never changes about an ID (decoding it costs two SHA-256s, its core two more): memoised.
  const statics = new Memo<string, Seeded | null>(10_000);
  const seededJob = (projectId: string, id: string): Seeded | null => {
    const codec = codecs.get(projectId);
    const index = codec?.indexOf(id);
    if (!codec || index === undefined || index >= jobs) return null;
    // A separate stream, so changing the rate never changes any other generated value.
    const releasedRoll = createRng('released', seed, projectId, index).next();
    return { releasedRoll, core: jobCore({ seed, projectId, index, id, idAt: codec.idAt }) };
  };
  return {
    jobs,
    coreAt,
    jobIds: (projectId, count, start) => {
      const codec = codecOf(projectId);
      const end = Math.min(jobs, start + count);
      const out: string[] = [];
      for (let i = Math.max(0, start); i < end; i++) out.push(codec.idAt(i));
      return out;
    },
    resolve: (projectId, id, releasedRate, now) => {
      const seeded = statics.get(`${projectId}\u0000${id}`, () => seededJob(projectId, id));
      if (!seeded) return { kind: 'unknown', id };
      if (seeded.releasedRoll < releasedRate) return { kind: 'released', id };
      return { kind: 'job', job: liveJob(seeded.core, now) };
    },
  };
}
