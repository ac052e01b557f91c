import type { Catalog } from './catalog.js';
import type { JobCore } from './core.js';
import { buildAnchorDetail } from './jobs.js';
import type { LiveJob } from './live.js';
import { createRng, hashHex } from './rng.js';

/**
 * Tenant job lists scan a project's seeded jobs: the first `LIST_SCAN_MAX` of them (a simulator
 * started with more lists only those; batch-detail still knows every one).
 */
export const LIST_SCAN_MAX = 100_000;

/** What a job list row needs that never changes: drawn once per job and kept per project. */
export interface ListedStatic {
  index: number;
  id: string;
  name: string;
  description: string;
  netType: string;
  jobDirection: string;
  /** "0" is the default enterprise project; the others are the project's own two. */
  enterpriseProjectId: string;
  billing: boolean;
}

/** A listed job at one instant: its static facts and where the clock has moved it. */
export interface ListedJob extends ListedStatic {
  live: LiveJob;
}

/** The enterprise projects a project's jobs belong to: the default "0" and two of its own. */
export function enterpriseProjects(seed: number, projectId: string): string[] {
  const uuid = (k: number) => {
    const h = hashHex(32, 'eps', seed, projectId, k);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  };
  return ['0', uuid(1), uuid(2)];
}

function staticOf(core: JobCore): ListedStatic {
  // Name, network, direction and description are the batch-detail object's own draws.
  const detail = buildAnchorDetail(core, 0);
  // A stream of its own, so nothing batch-detail answers changes.
  const rng = createRng('listing', core.ref.seed, core.ref.projectId, core.ref.index);
  const [deflt, a, b] = enterpriseProjects(core.ref.seed, core.ref.projectId) as [string, string, string];
  return {
    index: core.ref.index,
    id: core.ref.id,
    name: detail.name ?? '',
    description: detail.description ?? '',
    netType: detail.net_type ?? '',
    jobDirection: detail.job_direction ?? '',
    enterpriseProjectId: rng.weighted({ [deflt]: 6, [a]: 2, [b]: 2 }),
    billing: detail.period_order !== undefined,
  };
}

/** Per project, built on its first listing (one anchor detail per job) and kept. */
export function createListing(catalog: Catalog) {
  const statics = new Map<string, ListedStatic[]>();
  const staticsOf = (projectId: string): ListedStatic[] => {
    let rows = statics.get(projectId);
    if (rows === undefined) {
      rows = [];
      for (let i = 0; i < Math.min(catalog.jobs, LIST_SCAN_MAX); i++) {
        const core = catalog.coreAt(projectId, i);
        if (core) rows.push(staticOf(core));
      }
      statics.set(projectId, rows);
    }
    return rows;
  };
  return {
    /** Every job batch-detail knows at `now` (released jobs are gone), in index order. */
    jobs(projectId: string, releasedRate: number, now: number): ListedJob[] {
      const out: ListedJob[] = [];
      for (const row of staticsOf(projectId)) {
        const r = catalog.resolve(projectId, row.id, releasedRate, now);
        if (r.kind === 'job') out.push({ ...row, live: r.job });
      }
      return out;
    },
  };
}

export type Listing = ReturnType<typeof createListing>;
