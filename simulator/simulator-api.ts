import type { QueryJobResp, QueryProgressResp, QueryStructDetailResp, StructDetailType } from '../src/drs/types.js';
import type { AkSkCredential } from './aksk/credentials.js';
import type { SimClock } from './clock.js';
import type { FaultController } from './faults/registry.js';
import type { SimulatorProject } from './http/auth.js';
import type { CallRecord } from './http/call-log.js';
import type { IamUser } from './iam/users.js';
import type { RuntimeOptions } from './options.js';
import { detailItem, progressItem, structItem } from './v3/items.js';
import { jobListBody, parseListQuery } from './v3/job-list.js';
import { asyncJobBody } from './v5/async-jobs.js';
import { jobLogBody } from './v5/job-log.js';
import { lookupJob, progressDataBody } from './v5/progress-data.js';
import { DEFAULT_LIMIT } from './v5/query.js';
import type { ListAsyncJobDetailResponse, ProgressDataType, ShowProgressDataResponse } from './v5/wire.js';
import type { World } from './world.js';

/** A v5 page; defaults as the API's (offset 0, limit 10). */
export interface PageQuery {
  offset?: number;
  limit?: number;
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  projects: SimulatorProject[];
  /** AK/SK pairs the simulator accepts, each bound to its projects. */
  credentials: AkSkCredential[];
  /**
   * Every DRS API request so far (the last 100,000), rejected ones included, oldest first;
   * admin and /openapi.json requests are not listed.
   */
  calls: CallRecord[];
  resetCalls(): void;
  /** IDs of seeded jobs `start`..`start+count-1` (default the first 10) of a project. */
  jobIds(projectId: string, count?: number, start?: number): string[];
  /** Current runtime options. */
  readonly options: Readonly<RuntimeOptions>;
  configure(options: Partial<RuntimeOptions>): void;
  /** Simulated time: `advance(ms)`, `set(epochMs)`, `now()`; jobs move along it. */
  clock: SimClock;
  /** Scripted faults: `faults.set('batch-detail', '429:1,ok')`, `faults.clear()`. */
  faults: FaultController;
  /** Users the simulated IAM knows (`POST /v3/auth/tokens`, password method). */
  iamUsers: IamUser[];
  /** Invalidates every token IAM issued, as a password change does (the projects' fixed tokens stay). */
  revokeIamTokens(): void;
  /** Forgets AK/SK failure counts and lockouts. */
  resetLockouts(): void;
  /** The exact `results[]` entry each API would answer for `id` now (per-item error included). */
  jobDetail(projectId: string, id: string): QueryJobResp;
  jobProgress(projectId: string, id: string): QueryProgressResp;
  structDetail(projectId: string, id: string, type: StructDetailType): QueryStructDetailResp;
  /** Async batch IDs of a project (deterministic per seed), for batch-async-jobs. */
  asyncJobIds(projectId: string): string[];
  /** The 200 body batch-async-jobs answers now, or undefined for an unknown batch. */
  asyncJobDetail(projectId: string, asyncJobId: string, page?: PageQuery): ListAsyncJobDetailResponse | undefined;
  /** The 200 body progress-data answers now, or undefined when the job is unknown or released. */
  progressData(
    projectId: string,
    jobId: string,
    type: ProgressDataType,
    page?: PageQuery,
  ): ShowProgressDataResponse | undefined;
  /** The 200 body POST /v3/{project_id}/jobs answers now for `body`, or undefined when DRS would refuse it. */
  listJobs(projectId: string, body: object): ReturnType<typeof jobListBody> | undefined;
  /** The enterprise project a listed job belongs to ("0" = default), undefined when it is not listed. */
  enterpriseProjectOf(projectId: string, id: string): string | undefined;
  /** The 200 body of GET /v5/{project_id}/jobs/{job_id}?type=log now, or undefined for an unknown job. */
  jobLogs(projectId: string, jobId: string, page?: PageQuery): ReturnType<typeof jobLogBody> | undefined;
  close(): Promise<void>;
}

const page = (p: PageQuery = {}) => ({ offset: p.offset ?? 0, limit: p.limit ?? DEFAULT_LIMIT });

/** The in-process face of a running simulator; answers are deep copies, safe to mutate. */
export function simulatorApi(world: World, url: string, close: () => Promise<void>): Simulator {
  const resolve = (projectId: string, id: string) =>
    world.catalog.resolve(projectId, id, world.options().releasedRate, world.clock.now());
  return {
    url,
    projects: world.projects as SimulatorProject[],
    credentials: world.credentials as AkSkCredential[],
    calls: world.calls,
    resetCalls: () => {
      world.calls.length = 0;
    },
    jobIds: (projectId, count = 10, start = 0) => world.catalog.jobIds(projectId, count, start),
    get options() {
      return world.options();
    },
    configure: world.configure,
    clock: world.clock,
    faults: world.faults,
    iamUsers: world.iam.users as IamUser[],
    revokeIamTokens: () => world.iam.tokens.revokeAll(),
    resetLockouts: () => world.lockout.reset(),
    jobDetail: (projectId, id) => structuredClone(detailItem(resolve(projectId, id)).value),
    jobProgress: (projectId, id) => structuredClone(progressItem(resolve(projectId, id)).value),
    structDetail: (projectId, id, type) => structuredClone(structItem(resolve(projectId, id), type).value),
    asyncJobIds: (projectId) => world.v5.asyncJobIds(projectId),
    asyncJobDetail: (projectId, asyncJobId, p) => {
      const batch = world.v5.batch(projectId, asyncJobId);
      return batch && structuredClone(asyncJobBody(projectId, batch, page(p), world.clock.now()));
    },
    progressData: (projectId, jobId, type, p) => {
      const { catalog, v5 } = world;
      const now = world.clock.now();
      const job = lookupJob(projectId, jobId, { catalog, v5, releasedRate: world.options().releasedRate, now });
      return typeof job === 'object' ? structuredClone(progressDataBody(job, type, page(p))) : undefined;
    },
    listJobs: (projectId, body) => {
      const q = parseListQuery(body);
      if (!q.ok) return undefined;
      const jobs = world.listing.jobs(projectId, world.options().releasedRate, world.clock.now());
      return structuredClone(jobListBody(jobs, q.value));
    },
    enterpriseProjectOf: (projectId, id) =>
      world.listing.jobs(projectId, world.options().releasedRate, world.clock.now()).find((j) => j.id === id)
        ?.enterpriseProjectId,
    jobLogs: (projectId, jobId, p) => {
      const { catalog, v5 } = world;
      const now = world.clock.now();
      const job = lookupJob(projectId, jobId, { catalog, v5, releasedRate: world.options().releasedRate, now });
      const { offset, limit } = page(p);
      return typeof job === 'object' ? structuredClone(jobLogBody(job, now, offset, limit)) : undefined;
    },
    close,
  };
}
