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
  description: 'Connection facts of a v5 endpoint. Carries no credential of any kind.',
  fields: (t) => ({
    id: t.string({ resolve: (e) => nonEmpty(e.id) }),
    endpointName: t.string({
      description: 'Kind of endpoint, e.g. `oracle`, `cloud_gaussdbv5`.',
      resolve: (e) => nonEmpty(e.endpoint_name),
    }),
    ip: t.string({ description: 'May list several `ip:port` pairs.', resolve: (e) => nonEmpty(e.ip) }),
    port: t.int({ description: 'v5 sends the port as a string.', resolve: (e) => wholeNumber(e.db_port) }),
    user: t.string({ resolve: (e) => nonEmpty(e.db_user) }),
    instanceId: t.string({ resolve: (e) => nonEmpty(e.instance_id) }),
    instanceName: t.string({ resolve: (e) => nonEmpty(e.instance_name) }),
    dbName: t.string({ resolve: (e) => nonEmpty(e.db_name) }),
    shards: t.field({
      type: [AsyncJobDatabase],
      nullable: false,
      resolve: (e) => e.source_sharding ?? [],
    }),
  }),
});

export const AsyncJobEndpoint = builder.objectRef<JobEndpointInfo>('AsyncJobEndpoint').implement({
  description: 'A source or target of a v5 job.',
  fields: (t) => ({
    dbType: t.string({ description: 'e.g. `oracle`, `gaussdbv5`, `mysql`.', resolve: (e) => nonEmpty(e.db_type) }),
    endpointType: t.string({
      description: '`offline` (self-built), `ecs` or `cloud`.',
      resolve: (e) => nonEmpty(e.endpoint_type),
    }),
    role: t.string({ description: '`so` (source) or `ta` (target).', resolve: (e) => nonEmpty(e.endpoint_role) }),
    database: t.field({ type: AsyncJobDatabase, resolve: (e) => e.endpoint ?? null }),
    region: t.string({ resolve: (e) => nonEmpty(e.cloud?.region) }),
    projectId: t.string({ resolve: (e) => nonEmpty(e.cloud?.project_id) }),
    azCode: t.string({ resolve: (e) => nonEmpty(e.cloud?.az_code) }),
    vpcId: t.string({ resolve: (e) => nonEmpty(e.vpc?.vpc_id) }),
    subnetId: t.string({ resolve: (e) => nonEmpty(e.vpc?.subnet_id) }),
    securityGroupId: t.string({ resolve: (e) => nonEmpty(e.vpc?.security_group_id) }),
    targetReadOnly: t.boolean({ resolve: (e) => e.config?.is_target_readonly ?? null }),
    nodeCount: t.int({ resolve: (e) => wholeNumber(e.config?.node_num) }),
    sslEnabled: t.boolean({ resolve: (e) => e.ssl?.ssl_link ?? null }),
    sslCertName: t.string({
      description: 'Name of the uploaded certificate, never its content or password.',
      resolve: (e) => nonEmpty(e.ssl?.ssl_cert_name),
    }),
  }),
});
