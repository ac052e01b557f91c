import { type Simulator, startSimulator } from '../simulator/http/server.js';
import { nonEmpty, nonNegative, wholeNumber } from '../src/schema/wire.js';

/** A tenant of the soak: a simulator project, its token, and the ids its queries use. */
export interface Tenant {
  name: string;
  projectId: string;
  token: string;
  /** Seeded jobs the simulator answers as live. */
  live: string[];
  /** Seeded jobs the simulator answers as released (DRS.M05004): a coded NOT_FOUND, never a row. */
  released: string[];
  /** Async batches (v5 batch-async-jobs). */
  asyncIds: string[];
}

/** JSON as the gateway answers it; `null` where a job is expected to be missing. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * What every answer must equal: the simulator's world for the same seed and job count, read in this
 * process. The soak's simulator runs a manual clock, so its world stands still at the seed's
 * anchor and a job's fields, progress and objects are the same for the whole run. The wire→GraphQL
 * conversions of DRS sentinels ("94%", "-1", "") are the schema's own (src/schema/wire.ts): the soak
 * checks which row answers which id, not the mapping (test/gateway/mapping.test.ts does that).
 */
export class Oracle {
  private readonly memo = new Map<string, Json>();

  private constructor(private readonly sim: Simulator) {}

  static async start(seed: number, jobs: number): Promise<Oracle> {
    return new Oracle(await startSimulator({ port: 0, seed, jobs, clock: 'manual', admin: false }));
  }

  tenants(): Tenant[] {
    return this.sim.projects.map(({ projectId, token }, n) => {
      const all = this.sim.jobIds(projectId, 1e9);
      const released = all.filter((id) => this.sim.jobDetail(projectId, id).error_code !== undefined);
      const live = all.filter((id) => this.sim.jobDetail(projectId, id).error_code === undefined);
      return {
        name: String.fromCharCode(65 + n),
        projectId,
        token,
        live,
        released,
        asyncIds: this.sim.asyncJobIds(projectId),
      };
    });
  }

  close(): Promise<void> {
    return this.sim.close();
  }

  private cached(key: string, make: () => Json): Json {
    let value = this.memo.get(key);
    if (value === undefined) {
      value = make();
      this.memo.set(key, value);
    }
    return value;
  }

  /** The dashboard's view of a job (DASHBOARD selection in soak-queries.ts), or null when DRS has none. */
  dashboardJob(projectId: string, id: string): Json {
    return this.cached(`dash|${projectId}|${id}`, () => {
      const d = this.sim.jobDetail(projectId, id);
      if (d.error_code !== undefined) return null;
      const source = d.source_endpoint;
      const target = d.target_endpoint;
      return {
        id,
        name: nonEmpty(d.name),
        statusRaw: d.status ?? null,
        sourceEndpoint: source
          ? { dbTypeRaw: source.db_type ?? null, ip: nonEmpty(source.ip), port: wholeNumber(source.db_port) }
          : null,
        targetEndpoint: target ? { dbTypeRaw: target.db_type ?? null, instanceName: nonEmpty(target.inst_name) } : null,
        progress: this.progress(projectId, id),
        structDetail: this.struct(projectId, id, 'table', 10),
      };
    });
  }

  /** batch-progress of a job, as the Progress selection asks it. */
  progress(projectId: string, id: string): Json {
    return this.cached(`prog|${projectId}|${id}`, () => {
      const p = this.sim.jobProgress(projectId, id);
      if (p.error_code !== undefined) return null;
      return {
        jobId: p.job_id ?? '',
        percent: nonNegative(p.progress),
        transferStatusRaw: p.transfer_status ?? null,
        incrementalDelaySeconds: nonNegative(p.incre_trans_delay),
        phases: Object.entries(p.progress_map ?? {}).map(([phase, info]) => ({
          phaseRaw: phase,
          completedPercent: nonNegative(info.completed),
        })),
      };
    });
  }

  /** batch-struct-detail of a job and type, its first `first` objects. */
  struct(projectId: string, id: string, type: 'table' | 'index', first: number): Json {
    return this.cached(`struct|${projectId}|${id}|${type}|${first}`, () => {
      const s = this.sim.structDetail(projectId, id, type);
      if (s.error_code !== undefined) return null;
      const list = s.struct_detail?.list ?? [];
      return {
        total: s.struct_detail?.total_record ?? null,
        objects: {
          totalCount: list.length,
          edges: list.slice(0, first).map((o) => ({
            node: {
              sourceObject: o.src_TB ?? o.src_tb ?? null,
              progress: typeof o.progress === 'number' ? o.progress : null,
            },
          })),
        },
      };
    });
  }

  /** v5 progress-data of a job's tables, its first `first` rows. */
  objectProgress(projectId: string, id: string, first: number): Json {
    return this.cached(`v5prog|${projectId}|${id}|${first}`, () => {
      const page = this.sim.progressData(projectId, id, 'table', { offset: 0, limit: first });
      if (page === undefined) return null;
      return {
        totalCount: page.count,
        edges: page.flow_compare_data.map((o) => ({
          node: { sourceObject: o.src_tb ?? null, targetObject: o.dst_tb ?? null, progress: o.progress ?? null },
        })),
      };
    });
  }

  /** v5 batch-async-jobs: the batch's first `first` jobs, or null when the project has no such batch. */
  asyncBatch(projectId: string, asyncId: string, first: number): Json {
    return this.cached(`async|${projectId}|${asyncId}|${first}`, () => {
      const body = this.sim.asyncJobDetail(projectId, asyncId, { offset: 0, limit: first });
      if (body === undefined) return null;
      return {
        id: asyncId,
        totalCount: body.total_count,
        jobs: {
          edges: body.jobs.map((j) => ({
            node: {
              id: nonEmpty(j.id),
              statusRaw: j.status ?? null,
              baseInfo: j.base_info ? { name: nonEmpty(j.base_info.name) } : null,
            },
          })),
        },
      };
    });
  }
}
