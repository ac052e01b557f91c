import { createIdCodec, type JobIdCodec, MAX_JOBS } from '../ids.js';
import { createRng } from '../rng.js';
import { type JobCore, type JobRef, jobCore } from './core.js';

/** What a job ID means in one project. */
export type Resolution =
  | { kind: 'job'; core: JobCore }
  /** Seeded, but its resources are gone: per-item DRS.M05004. */
  | { kind: 'released'; id: string }
  /** Not a job of this project: per-item DRS.M00289. */
  | { kind: 'unknown'; id: string };

/** Seeded jobs of every project, generated on demand: nothing is stored per job. */
export interface Catalog {
  jobIds(projectId: string, count: number, start: number): string[];
  resolve(projectId: string, id: string, releasedRate: number): Resolution;
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
  return {
    jobIds: (projectId, count, start) => {
      const codec = codecOf(projectId);
      const end = Math.min(jobs, start + count);
      const out: string[] = [];
      for (let i = Math.max(0, start); i < end; i++) out.push(codec.idAt(i));
      return out;
    },
    resolve: (projectId, id, releasedRate) => {
      const codec = codecs.get(projectId);
      const index = codec?.indexOf(id);
      if (!codec || index === undefined || index >= jobs) return { kind: 'unknown', id };
      // A separate stream, so changing the rate never changes any other generated value.
      if (createRng('released', seed, projectId, index).next() < releasedRate) return { kind: 'released', id };
      const ref: JobRef = { seed, projectId, index, id, idAt: codec.idAt };
      return { kind: 'job', core: jobCore(ref) };
    },
  };
}
