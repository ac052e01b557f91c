import type { Endpoint } from '../../src/drs/types.js';
import type { BaseEndpoint, EndpointSslConfig, JobEndpointInfo } from '../v5/wire.js';
import { privateIp } from './endpoints.js';
import type { Rng } from './rng.js';
import { fakeSecret } from './secrets.js';

type Role = 'so' | 'ta';

/** The SSL block: `ssl_link` alone when off, with the certificate (and its secrets) when on. */
function ssl(on: boolean, rng: Rng): EndpointSslConfig {
  if (!on) return { ssl_link: false };
  return {
    ssl_link: true,
    ssl_cert_name: 'ca.pem',
    ssl_cert_key: fakeSecret('ssl_cert_key', rng),
    ssl_cert_check_sum: rng.hex(64),
    ssl_cert_password: fakeSecret('ssl_cert_password', rng),
  };
}

/** Drops undefined members so the JSON (and deep equality) stays as DRS would send it. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** A v3 endpoint of a MySQL job re-expressed in the v5 list shape (same host, account, secret). */
export function fromV3Endpoint(e: Endpoint, role: Role, rng: Rng): JobEndpointInfo {
  const cloud = e.inst_id !== undefined;
  const type = cloud ? 'cloud' : rng.chance(0.4) ? 'ecs' : 'offline';
  const endpoint: BaseEndpoint = defined({
    id: rng.uuid(),
    endpoint_name: type === 'cloud' ? 'cloud_mysql' : type === 'ecs' ? 'ecs_mysql' : 'mysql',
    // The doc example addresses cloud instances by ID only.
    ip: cloud ? undefined : e.ip,
    db_port: cloud || e.db_port === undefined ? undefined : String(e.db_port),
    db_user: e.db_user,
    db_password: e.db_password,
    instance_id: e.inst_id,
    instance_name: e.inst_name,
  });
  const info: JobEndpointInfo = { db_type: 'mysql', endpoint_type: type, endpoint_role: role, endpoint };
  if (cloud) {
    info.cloud = defined({ region: e.region, project_id: e.project_id, az_code: e.az_code ?? `${e.region}a` });
    info.vpc = defined({ vpc_id: e.vpc_id, subnet_id: e.subnet_id, security_group_id: e.security_group_id });
  }
  info.ssl = ssl(e.ssl_link === true || e.ssl_link === 'true', rng);
  return info;
}

export interface V5EndpointSpec {
  kind: 'oracle' | 'gaussdbv5' | 'redis' | 'rediscluster' | 'gaussredis' | 'mysql';
  role: Role;
  region: string;
  projectId: string;
  name: string;
}

const PORTS = {
  oracle: '1521',
  gaussdbv5: '8000',
  redis: '6379',
  rediscluster: '6379',
  gaussredis: '6379',
  mysql: '3306',
};

/** Cloud targets: endpoint_name, instance-ID suffix and instance-name prefix per engine. */
const CLOUD: Partial<Record<V5EndpointSpec['kind'], [string, string, string]>> = {
  gaussdbv5: ['cloud_gaussdbv5', 'in14', 'gauss'],
  gaussredis: ['cloud_gaussdb_redis', 'in12', 'geminidb'],
  mysql: ['cloud_mysql', 'in01', 'rds'],
};

function cloudEndpoint(spec: V5EndpointSpec, [endpointName, suffix, prefix]: [string, string, string], rng: Rng) {
  const info: JobEndpointInfo = {
    db_type: spec.kind,
    endpoint_type: 'cloud',
    endpoint_role: spec.role,
    endpoint: defined({
      id: rng.uuid(),
      endpoint_name: endpointName,
      db_user: spec.kind === 'gaussredis' ? undefined : 'root',
      db_password: fakeSecret('db_password', rng),
      instance_id: `${rng.hex(32)}${suffix}`,
      instance_name: `${prefix}-${spec.name.toLowerCase()}`,
    }),
    cloud: {
      region: spec.region,
      project_id: spec.projectId,
      az_code: ['a', 'b', 'c'].map((z) => `${spec.region}${z}`).join(','),
    },
    vpc: { vpc_id: rng.uuid(), subnet_id: rng.uuid(), security_group_id: rng.uuid() },
    ssl: ssl(rng.chance(0.15), rng),
  };
  return info;
}

/** Self-built sources (on premises or on ECS) and cloud targets of the v5-only engines. */
export function v5Endpoint(spec: V5EndpointSpec, rng: Rng): JobEndpointInfo {
  const cloud = CLOUD[spec.kind];
  if (cloud && spec.role === 'ta') return cloudEndpoint(spec, cloud, rng);
  const type = rng.chance(0.3) ? 'ecs' : 'offline';
  const port = PORTS[spec.kind];
  const endpoint: BaseEndpoint = {
    id: rng.uuid(),
    endpoint_name: type === 'ecs' ? `ecs_${spec.kind}` : spec.kind,
    ip: privateIp(rng),
    db_port: port,
    db_user:
      spec.kind === 'oracle' ? rng.pick(['ORACLE_USER', 'DRS_SYNC']) : spec.kind === 'mysql' ? 'root' : undefined,
    db_password: fakeSecret('db_password', rng),
    db_name: spec.kind === 'oracle' ? 'serviceName.orcl' : undefined,
  };
  const info: JobEndpointInfo = { db_type: spec.kind, endpoint_type: type, endpoint_role: spec.role };
  if (spec.kind === 'rediscluster') {
    // A cluster is addressed by its shard list (≤ 32 ip:port pairs); each shard has its own login.
    const shards = Array.from({ length: rng.int(3, 6) }, () => ({ ip: privateIp(rng), db_port: port }));
    endpoint.ip = shards.map((s) => `${s.ip}:${s.db_port}`).join(',');
    endpoint.source_sharding = shards.map((s) => ({
      ...s,
      id: rng.uuid(),
      db_password: fakeSecret('db_password', rng),
    }));
    info.config = { node_num: Math.min(16, Math.ceil(shards.length / 4)) };
  }
  info.endpoint = defined(endpoint);
  info.ssl = ssl(spec.kind === 'oracle' && rng.chance(0.15), rng);
  return info;
}
