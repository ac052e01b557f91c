import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AkSkCredential, checkCredentials, defaultCredentials } from '../aksk/credentials.js';
import { createLockout } from '../aksk/lockout.js';
import { type ClockMode, createClock } from '../clock.js';
import { createCatalog } from '../data/catalog.js';
import { createListing } from '../data/listing.js';
import { checkProjects, defaultProjects } from '../data/projects.js';
import { createV5Catalog } from '../data/v5-catalog.js';
import type { FaultPlanSpec, FaultTarget } from '../faults/plan.js';
import { createFaultRegistry } from '../faults/registry.js';
import { createTokenStore } from '../iam/tokens.js';
import { checkIamUsers, defaultIamUsers, type IamUser } from '../iam/users.js';
import { DEFAULT_RUNTIME_OPTIONS, mergeRuntimeOptions, type RuntimeOptions } from '../options.js';
import { type Simulator, simulatorApi } from '../simulator-api.js';
import type { World } from '../world.js';
import type { SimulatorProject } from './auth.js';
import type { CallRecord } from './call-log.js';
import { createRequestListener } from './pipeline.js';
import { createRateLimiter } from './rate-limit.js';

export type { AkSkCredential } from '../aksk/credentials.js';
export type { IamUser } from '../iam/users.js';
export type { RuntimeOptions } from '../options.js';
export type { Simulator } from '../simulator-api.js';
export type { SimulatorProject } from './auth.js';
export type { CallRecord } from './call-log.js';

export interface SimulatorOptions extends Partial<RuntimeOptions> {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: any free port (read it back from `url`). */
  port?: number;
  /** Default: two projects derived from `seed`. */
  projects?: SimulatorProject[];
  /** Seeded jobs per project, default 1000; generated lazily, so 100,000 costs nothing. */
  jobs?: number;
  /** Default 1; the same seed always gives the same projects, IDs and data. */
  seed?: number;
  /**
   * `real` (default: jobs move with the wall clock, so a dashboard changes) or `manual` (time
   * stands at the seed's anchor until `sim.clock.advance` / `set`; what tests want).
   */
  clock?: ClockMode;
  /** Simulated ms per real ms for the `real` clock (default 1). */
  clockSpeed?: number;
  /** AK/SK pairs; default one permanent AK per project and one temporary AK for all of them. */
  credentials?: AkSkCredential[];
  /** IAM users for `POST /v3/auth/tokens`; default one user serving every project. */
  iamUsers?: IamUser[];
  /** Scripted faults from the start, per API name or `*`. */
  faults?: Partial<Record<FaultTarget, FaultPlanSpec>>;
  /** Serve /__admin/* (loopback only; default true). */
  admin?: boolean;
  /** When set, admin requests must send it as `X-Admin-Token`. */
  adminToken?: string;
}

function urlFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { host = '127.0.0.1', port = 0, seed = 1, jobs = 1000, projects: given, ...rest } = options;
  const { clock: mode = 'real', clockSpeed = 1, credentials: givenCreds, faults: plans, ...rest2 } = rest;
  const { admin = true, adminToken, iamUsers: givenUsers, ...runtimePatch } = rest2;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const projects = given ? given.map((p) => ({ ...p })) : defaultProjects(seed);
  checkProjects(projects);
  const projectIds = projects.map((p) => p.projectId);
  const credentials = (givenCreds ?? defaultCredentials(seed, projectIds)).map((c) => ({ ...c }));
  checkCredentials(credentials, projectIds);
  const iamUsers = (givenUsers ?? defaultIamUsers(seed, projectIds)).map((u) => ({
    ...u,
    projectIds: [...u.projectIds],
  }));
  checkIamUsers(iamUsers, projectIds);
  let runtime = mergeRuntimeOptions({ ...DEFAULT_RUNTIME_OPTIONS }, runtimePatch);
  const catalog = createCatalog(seed, jobs, projectIds);
  const faults = createFaultRegistry(seed);
  for (const [target, plan] of Object.entries(plans ?? {})) faults.set(target as FaultTarget, plan);
  const calls: CallRecord[] = [];
  const world: World = {
    projects,
    credentials,
    catalog,
    v5: createV5Catalog(seed, catalog, projectIds),
    listing: createListing(catalog),
    clock: createClock(mode, clockSpeed),
    options: () => runtime,
    configure: (patch) => {
      runtime = mergeRuntimeOptions(runtime, patch);
    },
    calls,
    faults,
    rateLimiter: createRateLimiter(),
    lockout: createLockout(),
    iam: { users: iamUsers, tokens: createTokenStore() },
    admin: adminToken === undefined ? { enabled: admin } : { enabled: admin, token: adminToken },
  };
  const server = createServer(createRequestListener(world));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const close = () =>
    new Promise<void>((resolveClose, reject) => {
      server.close((error) => (error ? reject(error) : resolveClose()));
      // Keep-alive sockets (undici/fetch pools) and hung requests would otherwise hold close() open.
      server.closeAllConnections();
    });
  return simulatorApi(world, urlFor(host, (server.address() as AddressInfo).port), close);
}
