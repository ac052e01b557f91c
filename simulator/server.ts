import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { QueryJobResp, QueryProgressResp, QueryStructDetailResp, StructDetailType } from '../src/drs/types.js';
import type { SimulatorProject } from './auth.js';
import type { CallRecord } from './call-log.js';
import { createCatalog } from './data/catalog.js';
import { detailItem, progressItem, structItem } from './items.js';
import { DEFAULT_RUNTIME_OPTIONS, mergeRuntimeOptions, type RuntimeOptions } from './options.js';
import { createRequestListener } from './pipeline.js';
import { checkProjects, defaultProjects } from './projects.js';

export type { SimulatorProject } from './auth.js';
export type { CallRecord } from './call-log.js';
export type { RuntimeOptions } from './options.js';

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
}

export interface Simulator {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  projects: SimulatorProject[];
  /** Every request so far, rejected ones included, oldest first. */
  calls: CallRecord[];
  resetCalls(): void;
  /** IDs of seeded jobs `start`..`start+count-1` (default the first 10) of a project. */
  jobIds(projectId: string, count?: number, start?: number): string[];
  /** Current runtime options. */
  readonly options: Readonly<RuntimeOptions>;
  configure(options: Partial<RuntimeOptions>): void;
  /** The exact `results[]` entry each API would answer for `id` (per-item error included). */
  jobDetail(projectId: string, id: string): QueryJobResp;
  jobProgress(projectId: string, id: string): QueryProgressResp;
  structDetail(projectId: string, id: string, type: StructDetailType): QueryStructDetailResp;
  close(): Promise<void>;
}

function urlFor(host: string, port: number): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const { host = '127.0.0.1', port = 0, seed = 1, jobs = 1000, projects: given, ...runtimePatch } = options;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const projects = given ? given.map((p) => ({ ...p })) : defaultProjects(seed);
  checkProjects(projects);
  let runtime = mergeRuntimeOptions({ ...DEFAULT_RUNTIME_OPTIONS }, runtimePatch);
  const catalog = createCatalog(
    seed,
    jobs,
    projects.map((p) => p.projectId),
  );
  const calls: CallRecord[] = [];
  const server = createServer(createRequestListener({ projects, catalog, calls, options: () => runtime }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const resolve = (projectId: string, id: string) => catalog.resolve(projectId, id, runtime.releasedRate);

  return {
    url: urlFor(host, (server.address() as AddressInfo).port),
    projects,
    calls,
    resetCalls: () => {
      calls.length = 0;
    },
    jobIds: (projectId, count = 10, start = 0) => catalog.jobIds(projectId, count, start),
    get options() {
      return runtime;
    },
    configure: (patch) => {
      runtime = mergeRuntimeOptions(runtime, patch);
    },
    jobDetail: (projectId, id) => detailItem(resolve(projectId, id)).value,
    jobProgress: (projectId, id) => progressItem(resolve(projectId, id)).value,
    structDetail: (projectId, id, type) => structItem(resolve(projectId, id), type).value,
    close: () =>
      new Promise<void>((resolveClose, reject) => {
        server.close((error) => (error ? reject(error) : resolveClose()));
        // Keep-alive sockets (undici/fetch pools) would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
