import type { QueryJobResp } from '../drs/types.js';
import type { builder } from './builder.js';
import { Endpoint } from './endpoint.js';
import { AlarmSettings, ReplicationInstance, SelectedObject, SpeedLimit, Tag, tagPairs } from './job-parts.js';
import { nonEmpty, wholeNumber } from './wire.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;
type JobFieldBuilder = PothosSchemaTypes.ObjectFieldBuilder<Types, QueryJobResp & { id: string }>;

/** Where `Job` runs and what it moves: nodes, network, endpoints, objects, limits (REFERENCE §3.3). */
export function jobPlacementFields(t: JobFieldBuilder) {
  return {
    parentId: t.id({
      description: 'Parent of a sub-job of a multi-task or dual-active job (`parent_id`); null for a top-level job.',
      resolve: (j) => nonEmpty(j.parent_id),
    }),
    masterJobId: t.id({
      description: 'Main job of a multi-task job (`master_job_id`).',
      resolve: (j) => nonEmpty(j.master_job_id),
    }),
    nodeCount: t.int({
      description: 'Number of nodes (`node_num`, sent as number or string).',
      resolve: (j) => wholeNumber(j.node_num),
    }),
    targetReadOnly: t.boolean({
      description: 'Whether the target is restricted to read-only (`is_target_readonly`).',
      resolve: (j) => j.is_target_readonly ?? null,
    }),
    multiWrite: t.boolean({
      description: 'Dual-active (multi-primary) DR (`multi_write`).',
      resolve: (j) => j.multi_write ?? null,
    }),
    multiAz: t.boolean({
      description: 'Primary/standby job across AZs (`is_multi_az`).',
      resolve: (j) => j.is_multi_az ?? null,
    }),
    supportsIpv6: t.boolean({
      description: 'Whether IPv6 is supported (`support_ip_v6`).',
      resolve: (j) => j.support_ip_v6 ?? null,
    }),
    azCode: t.string({ description: 'AZ of the DRS node (`az_code`).', resolve: (j) => nonEmpty(j.az_code) }),
    vpcId: t.string({ description: 'VPC of the DRS node (`vpc_id`).', resolve: (j) => nonEmpty(j.vpc_id) }),
    subnetId: t.string({ description: 'Subnet of the DRS node (`subnet_id`).', resolve: (j) => nonEmpty(j.subnet_id) }),
    securityGroupId: t.string({
      description: 'Security group of the DRS node (`security_group_id`).',
      resolve: (j) => nonEmpty(j.security_group_id),
    }),
    sourceEndpoint: t.field({
      type: Endpoint,
      description: 'Source database (`source_endpoint`).',
      resolve: (j) => j.source_endpoint ?? null,
    }),
    targetEndpoint: t.field({
      type: Endpoint,
      description: 'Target database (`target_endpoint`).',
      resolve: (j) => j.target_endpoint ?? null,
    }),
    messageQueueEndpoint: t.field({
      type: Endpoint,
      description: 'Message-queue (DMQ/Kafka) endpoint (`dmq_endpoint`); null when the job has none.',
      resolve: (j) => j.dmq_endpoint ?? null,
    }),
    sourceShards: t.field({
      type: [Endpoint],
      nullable: false,
      description: 'Physical shards of a sharded source (`source_sharding`); empty when there are none.',
      resolve: (j) => j.source_sharding ?? [],
    }),
    instance: t.field({
      type: ReplicationInstance,
      description: 'The replication instance (`inst_info`).',
      resolve: (j) => j.inst_info ?? null,
    }),
    tags: t.field({
      type: [Tag],
      nullable: false,
      description: 'Tags (`tags`), as key/value pairs whichever of its two shapes DRS sent.',
      resolve: (j) => tagPairs(j.tags),
    }),
    selectedObjects: t.field({
      type: [SelectedObject],
      nullable: false,
      description: 'Objects chosen for the job (`object_infos`).',
      resolve: (j) => j.object_infos ?? [],
    }),
    speedLimits: t.field({
      type: [SpeedLimit],
      nullable: false,
      description: 'Flow-control windows (`speed_limit`); empty means unlimited.',
      resolve: (j) => j.speed_limit ?? [],
    }),
    alarmSettings: t.field({
      type: AlarmSettings,
      description: 'Exception notifications (`alarm_notify`).',
      resolve: (j) => j.alarm_notify ?? null,
    }),
  };
}
