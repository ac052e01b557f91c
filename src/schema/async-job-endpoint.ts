import type { BaseEndpoint, JobEndpointInfo } from '../drs/types-v5.js';
import { builder } from './builder.js';
import { nonEmpty, wholeNumber } from './wire.js';

/**
 * A v5 endpoint. v5 sends `db_password`, `ssl_cert_key` and `ssl_cert_password` in these objects;
 * the wire types do not even model them, and no resolver here reads them.
 */
const AsyncJobDatabase = builder.objectRef<BaseEndpoint>('AsyncJobDatabase');

// Implemented apart from its declaration: `shards` refers to the type itself.
AsyncJobDatabase.implement({
  description:
    'Connection facts of a v5 endpoint (`endpoint`, `BaseEndpoint`). Carries no credential of any kind: ' +
    'DRS’s `db_password` is never read.',
  fields: (t) => ({
    id: t.string({ description: 'Database information id (`id`).', resolve: (e) => nonEmpty(e.id) }),
    endpointName: t.string({
      description: 'Kind of endpoint (`endpoint_name`), e.g. `oracle`, `ecs_mysql`, `cloud_gaussdbv5`.',
      resolve: (e) => nonEmpty(e.endpoint_name),
    }),
    ip: t.string({
      description: 'Address (`ip`); may list several `ip:port` pairs (up to 3 for MongoDB, 32 for Redis Cluster).',
      resolve: (e) => nonEmpty(e.ip),
    }),
    port: t.int({
      description: 'Port, 1–65535 (`db_port`; v5 sends it as a string).',
      resolve: (e) => wholeNumber(e.db_port),
    }),
    user: t.string({
      description: 'Database account (`db_user`); never its password.',
      resolve: (e) => nonEmpty(e.db_user),
    }),
    instanceId: t.string({
      description: 'Cloud database instance id (`instance_id`).',
      resolve: (e) => nonEmpty(e.instance_id),
    }),
    instanceName: t.string({
      description: 'Cloud database instance name (`instance_name`).',
      resolve: (e) => nonEmpty(e.instance_name),
    }),
    dbName: t.string({
      description: 'Database, or Oracle service, name (`db_name`).',
      resolve: (e) => nonEmpty(e.db_name),
    }),
    shards: t.field({
      type: [AsyncJobDatabase],
      nullable: false,
      description: 'Physical shards of a sharded source (`source_sharding`); empty when there are none.',
      resolve: (e) => e.source_sharding ?? [],
    }),
  }),
});

export const AsyncJobEndpoint = builder.objectRef<JobEndpointInfo>('AsyncJobEndpoint').implement({
  description: 'A source or target of a v5 job (`source_endpoint[]`, `target_endpoint[]`).',
  fields: (t) => ({
    dbType: t.string({
      description: 'Database type (`db_type`): `oracle`, `gaussdbv5`, `redis`, `rediscluster`, `gaussredis`, `mysql`.',
      resolve: (e) => nonEmpty(e.db_type),
    }),
    endpointType: t.string({
      description: '`offline` (self-built), `ecs` (self-built on ECS) or `cloud` (`endpoint_type`).',
      resolve: (e) => nonEmpty(e.endpoint_type),
    }),
    role: t.string({
      description: '`so` (source) or `ta` (target) (`endpoint_role`).',
      resolve: (e) => nonEmpty(e.endpoint_role),
    }),
    database: t.field({
      type: AsyncJobDatabase,
      description: 'Connection facts (`endpoint`).',
      resolve: (e) => e.endpoint ?? null,
    }),
    region: t.string({
      description: 'Region of an `ecs` or `cloud` database (`cloud.region`).',
      resolve: (e) => nonEmpty(e.cloud?.region),
    }),
    projectId: t.string({
      description: 'Project of the database (`cloud.project_id`).',
      resolve: (e) => nonEmpty(e.cloud?.project_id),
    }),
    azCode: t.string({
      description: 'AZ(s) of the database (`cloud.az_code`), comma-separated.',
      resolve: (e) => nonEmpty(e.cloud?.az_code),
    }),
    vpcId: t.string({ description: 'VPC of the database (`vpc.vpc_id`).', resolve: (e) => nonEmpty(e.vpc?.vpc_id) }),
    subnetId: t.string({
      description: 'Subnet of the database (`vpc.subnet_id`).',
      resolve: (e) => nonEmpty(e.vpc?.subnet_id),
    }),
    securityGroupId: t.string({
      description: 'Security group of the database (`vpc.security_group_id`).',
      resolve: (e) => nonEmpty(e.vpc?.security_group_id),
    }),
    targetReadOnly: t.boolean({
      description: 'Whether the target is set read-only (`config.is_target_readonly`; DRS’s default is true).',
      resolve: (e) => e.config?.is_target_readonly ?? null,
    }),
    nodeCount: t.int({
      description: 'Sub-jobs connected to a Redis Cluster source (`config.node_num`, 1–16).',
      resolve: (e) => wholeNumber(e.config?.node_num),
    }),
    sslEnabled: t.boolean({
      description: 'Whether the connection uses SSL (`ssl.ssl_link`).',
      resolve: (e) => e.ssl?.ssl_link ?? null,
    }),
    sslCertName: t.string({
      description: 'Name of the uploaded certificate (`ssl.ssl_cert_name`), never its content or password.',
      resolve: (e) => nonEmpty(e.ssl?.ssl_cert_name),
    }),
  }),
});
