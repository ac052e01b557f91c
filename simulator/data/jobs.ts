import type { Endpoint, InstInfo, QueryJobResp } from '../../src/drs/types.js';
import { epochString, type JobCore } from './core.js';
import { buildEndpoint, privateIp } from './endpoints.js';
import { alarmNotify, objectInfos, periodOrder, speedLimits, tags } from './extras.js';
import { type Direction, policyFields } from './policy.js';
import { DESCRIPTIONS, NAME_TAILS } from './pools.js';
import { createRng, type Rng } from './rng.js';
import { failureReasons } from './status.js';

function instInfo(core: JobCore, scheduledStart: number, rng: Rng): InstInfo {
  const gone = core.status === 'DELETED' || core.status === 'RELEASE_RESOURCE_COMPLETE';
  const info: InstInfo = {
    ip: privateIp(rng),
    inst_type: rng.weighted({ high: 8, common: 1, ultrahigh: 1 }),
    engine_type: core.scenario.engine,
    volume_size: rng.pick([50, 100, 100, 200]),
    start_time: epochString(scheduledStart),
  };
  // The examples show status both absent and upper-case; the enum says active/deleted.
  const status = gone ? 'deleted' : rng.weighted({ ACTIVE: 2, active: 3, none: 2 });
  if (status !== 'none') info.status = status;
  if (rng.chance(0.5)) info.public_ip = `10.154.${rng.int(0, 254)}.${rng.int(2, 254)}`;
  return info;
}

function endpoints(core: JobCore, direction: Direction, rng: Rng, name: string) {
  const { projectId } = core.ref;
  const spec = (side: 'source' | 'target') => ({
    dbType: core.scenario[side],
    cloud: side === 'source' ? direction === 'down' : direction === 'up',
    region: core.region,
    projectId,
    namePrefix: `${name.toLowerCase()}-${side === 'source' ? 'src' : 'target'}`,
  });
  const source = buildEndpoint(spec('source'), rng);
  const target = buildEndpoint(spec('target'), rng);
  const extra: Partial<QueryJobResp> = {};
  if (core.scenario.target === 'kafka' && rng.chance(0.5)) {
    extra.dmq_endpoint = buildEndpoint({ ...spec('target'), cloud: true }, rng);
  }
  if (core.scenario.source === 'mongodb' && rng.chance(0.3)) {
    source.cluster_mode = 'Sharding4.0+';
    extra.source_sharding = Array.from({ length: rng.int(2, 3) }, () => buildEndpoint(spec('source'), rng));
  }
  return { source, target, extra };
}

/**
 * The batch-detail object of a seeded job as it was at the anchor, including planted secrets.
 * `scheduledStart` is WAITING_FOR_START's planned start (0 otherwise). Time-dependent fields are
 * laid over it by `liveDetail`.
 */
export function buildAnchorDetail(core: JobCore, scheduledStart: number): QueryJobResp {
  const rng = createRng('detail', core.ref.seed, core.ref.projectId, core.ref.index);
  const name = `DRS-${String(rng.int(0, 9999)).padStart(4, '0')}-${rng.pick(NAME_TAILS)}`;
  const direction: Direction =
    core.dbUseType === 'cloudDataGuard' ? rng.pick(['up', 'down']) : rng.weighted({ up: 7, down: 2, 'non-dbs': 1 });
  const { source, target, extra } = endpoints(core, direction, rng, name);
  const objectSwitch = rng.chance(0.6);

  const job: QueryJobResp = {
    id: core.ref.id,
    name,
    status: core.status,
    description: rng.chance(0.7) ? '' : rng.pick(DESCRIPTIONS),
    create_time: epochString(core.createTime),
    task_type: core.taskType,
    source_endpoint: source,
    ...extra,
    target_endpoint: target,
    net_type: rng.weighted({ vpc: 5, eip: 3, vpn: 2 }),
    inst_info: instInfo(core, scheduledStart, rng),
    actual_start_time: epochString(core.actualStartTime),
    full_transfer_complete_time: epochString(core.fullCompleteTime),
    update_time: epochString(core.updateTime),
    job_direction: direction,
    db_use_type: core.dbUseType,
    need_restart: rng.chance(0.05),
    is_target_readonly: core.dbUseType !== 'sync' ? rng.chance(0.9) : rng.chance(0.2),
    speed_limit: speedLimits(rng),
    node_num: rng.chance(0.9) ? 1 : 2,
    object_switch: objectSwitch,
    struct_trans: rng.chance(0.8),
    index_trans: rng.chance(0.8),
    az_code: `${core.region}${rng.pick(['a', 'b', 'c'])}`,
    vpc_id: target.vpc_id ?? rng.uuid(),
    subnet_id: target.subnet_id ?? rng.uuid(),
    security_group_id: rng.uuid(),
    support_ip_v6: rng.chance(0.05),
    original_job_direction: direction,
  };
  const reasons = failureReasons(core.status);
  if (reasons) job.failed_reason = rng.pick(reasons);
  Object.assign(job, policyFields(core, direction, rng));
  if (objectSwitch) job.object_infos = objectInfos(rng);
  if (rng.chance(0.15)) {
    const [master, slave] = rng.chance(0.5) ? ['a', 'b'] : ['b', 'c'];
    Object.assign(job, {
      is_multi_az: true,
      master_az: `${core.region}${master}`,
      slave_az: `${core.region}${slave}`,
      az_name: core.region,
      node_role: 'master',
    });
  }
  if (core.ref.index > 0 && rng.chance(0.06)) {
    const parent = core.ref.idAt(core.ref.index - 1);
    Object.assign(job, { parent_id: parent, master_job_id: parent });
  }
  const optional = { alarm_notify: alarmNotify(rng), period_order: periodOrder(rng, core.createTime), tags: tags(rng) };
  for (const [key, value] of Object.entries(optional)) {
    if (value !== undefined) Object.assign(job, { [key]: value });
  }
  return job;
}

/** Every endpoint object a job carries (each one holds planted secrets). */
export function jobEndpoints(job: QueryJobResp): Endpoint[] {
  const all = [job.source_endpoint, job.target_endpoint, job.dmq_endpoint, ...(job.source_sharding ?? [])];
  return all.filter((e): e is Endpoint => e !== undefined);
}
