import type { QueryJobResp } from '../../src/drs/types.js';
import type { JobDetailResp, JobEndpointInfo } from '../v5/wire.js';
import { buildJobDetail } from './detail.js';
import type { LiveJob } from './live.js';
import { NAME_TAILS } from './pools.js';
import { createRng, type Rng } from './rng.js';
import type { AsyncMember } from './v5-catalog.js';
import { fromV3Endpoint, type V5EndpointSpec, v5Endpoint } from './v5-endpoints.js';
import { alarmNotify, isoSeconds, nodeInfo, progressInfo, userMigration, v5Tags } from './v5-extras.js';

const SIDES: Record<AsyncMember['engine'], [V5EndpointSpec['kind'], V5EndpointSpec['kind']]> = {
  'mysql-to-mysql': ['mysql', 'mysql'],
  'oracle-to-gaussdbv5': ['oracle', 'gaussdbv5'],
  'redis-to-gaussredis': ['redis', 'gaussredis'],
  'rediscluster-to-gaussredis': ['rediscluster', 'gaussredis'],
};

function policyConfig(member: AsyncMember, v3: QueryJobResp | undefined, rng: Rng): Record<string, string | boolean> {
  if (member.engine === 'mysql-to-mysql') {
    return {
      filter_ddl_policy: v3?.filter_ddl_policy ?? '',
      conflict_policy: v3?.conflict_policy ?? 'overwrite',
      index_trans: v3?.index_trans ?? true,
      ddl_trans: rng.chance(0.7),
      data_sync_topology_type: 'one2one',
    };
  }
  if (member.engine === 'oracle-to-gaussdbv5') {
    return {
      conflict_policy: rng.pick(['ignore', 'overwrite', 'stop']),
      ddl_trans: rng.chance(0.3),
      sync_type_policy: rng.pick(['supportAllType', 'tableData,tableStructure']),
      increment_read_mode: rng.pick(['logminer', 'xstream']),
    };
  }
  return { ddl_trans: false };
}

function endpoints(member: AsyncMember, v3: QueryJobResp | undefined, projectId: string, name: string, rng: Rng) {
  if (member.engine === 'mysql-to-mysql' && v3?.source_endpoint && v3.target_endpoint) {
    return {
      source: fromV3Endpoint(v3.source_endpoint, 'so', rng),
      target: fromV3Endpoint(v3.target_endpoint, 'ta', rng),
    };
  }
  // MySQL jobs past the project's seeded ones (tiny --jobs) are generated like the others.
  const [so, ta] = SIDES[member.engine];
  const spec = { region: member.core.region, projectId, name };
  const source: JobEndpointInfo = v5Endpoint({ ...spec, kind: so, role: 'so' }, rng);
  return { source, target: v5Endpoint({ ...spec, kind: ta, role: 'ta' }, rng) };
}

/**
 * A v5 JobDetailResp at one instant. Jobs shared with v3 reuse that job's name, status, times,
 * endpoints and secrets, so the gateway can link the two; v5-only jobs are generated here.
 */
export function buildV5Job(member: AsyncMember, job: LiveJob, projectId: string): JobDetailResp {
  const rng = createRng('v5-detail', member.core.ref.seed, member.core.ref.projectId, member.core.ref.index);
  const v3 = member.v3 ? buildJobDetail(job) : undefined;
  const name = v3?.name ?? `DRS-${String(rng.int(0, 9999)).padStart(4, '0')}-${rng.pick(NAME_TAILS)}`;
  const { source, target } = endpoints(member, v3, projectId, name, rng);
  const redis = member.engine !== 'mysql-to-mysql' && member.engine !== 'oracle-to-gaussdbv5';
  const detail: JobDetailResp = {
    id: member.id,
    status: job.status,
    create_time: isoSeconds(job.createTime),
    base_info: {
      name,
      job_type: v3?.db_use_type ?? (redis ? 'migration' : 'sync'),
      engine_type: member.engine,
      job_direction: v3?.job_direction ?? 'up',
      task_type: job.taskType,
      net_type: v3?.net_type ?? rng.weighted({ eip: 2, vpc: 2, vpn: 1 }),
      charging_mode: v3?.period_order ? 'period' : 'on_demand',
      enterprise_project_id: '0',
      description: v3?.description ?? '',
      expired_days: 14,
      tags: v5Tags(v3?.tags, rng),
    },
    source_endpoint: [source],
    target_endpoint: [target],
  };
  const alarm = alarmNotify(v3, job.region, projectId, rng);
  if (alarm) detail.alarm_notify = alarm;
  const limits = v3?.speed_limit ?? (rng.chance(0.2) ? [{ begin: '16:00', end: '15:59', speed: '10' }] : []);
  detail.speed_limit = limits.map(({ begin, end, speed }) => ({ begin, end, speed }));
  const users = redis ? undefined : userMigration(rng);
  if (users) detail.user_migration = users;
  detail.policy_config = policyConfig(member, v3, rng);
  detail.node_info = nodeInfo(job.region, v3?.is_multi_az === true, rng);
  detail.progress_info = progressInfo(job);
  return detail;
}
