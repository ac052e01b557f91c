import type { Endpoint, KafkaSecurity } from '../../src/drs/types.js';
import { KAFKA_TOPICS } from './pools.js';
import type { Rng } from './rng.js';
import { DB_PORTS, DB_USERS, type DbType, INSTANCE_SUFFIX } from './scenarios.js';
import { fakeSecret } from './secrets.js';

export interface EndpointSpec {
  dbType: DbType;
  /** Cloud instances carry inst_id/inst_name/VPC; self-built ones only address and account. */
  cloud: boolean;
  region: string;
  projectId: string;
  namePrefix: string;
}

export function privateIp(rng: Rng): string {
  const net = rng.pick(['192.168', '172.16', '172.21', '10.0']);
  return `${net}.${rng.int(0, 254)}.${rng.int(2, 254)}`;
}

/** ssl_link is a bool in the SDK but "String" in the OTC table; a few jobs send the string. */
function sslLinkValue(on: boolean, rng: Rng): boolean | string {
  return rng.chance(0.03) ? String(on) : on;
}

export function kafkaSecurity(rng: Rng): KafkaSecurity {
  return {
    type: rng.pick(['SASL_SSL', 'SASL_SSL', 'SSL', 'SASL_PLAINTEXT']),
    trust_store_key_name: 'client.truststore.jks',
    trust_store_key: fakeSecret('trust_store_key', rng),
    trust_store_password: fakeSecret('trust_store_password', rng),
    endpoint_algorithm: '',
    sasl_mechanism: rng.pick(['SCRAM-SHA-512', 'PLAIN', 'SCRAM-SHA-256']),
    delegation_tokens: false,
    enable_key_store: true,
    key_store_key: fakeSecret('key_store_key', rng),
    key_store_key_name: 'client.keystore.jks',
    key_store_password: fakeSecret('key_store_password', rng),
    set_private_key_password: true,
    key_password: fakeSecret('key_password', rng),
  };
}

function kafkaEndpoint(spec: EndpointSpec, rng: Rng): Endpoint {
  const port = rng.pick(DB_PORTS.kafka);
  const brokers = Array.from({ length: rng.int(1, 3) }, () => `${privateIp(rng)}:${port}`);
  const endpoint: Endpoint = {
    ip: brokers.join(','),
    region: spec.region,
    db_type: 'kafka',
    topic: rng.pick(KAFKA_TOPICS),
    ssl_link: port === 9093,
    project_id: spec.projectId,
    db_user: rng.pick(DB_USERS.kafka),
    db_password: fakeSecret('db_password', rng),
    kafka_security_config: kafkaSecurity(rng),
  };
  if (spec.cloud) Object.assign(endpoint, { inst_id: rng.uuid(), inst_name: `kafka-${spec.namePrefix}` });
  return endpoint;
}

export function buildEndpoint(spec: EndpointSpec, rng: Rng): Endpoint {
  if (spec.dbType === 'kafka') return kafkaEndpoint(spec, rng);
  const ssl = rng.chance(0.2);
  const endpoint: Endpoint = {
    ip: privateIp(rng),
    region: spec.region,
    db_type: spec.dbType,
    db_port: rng.pick(DB_PORTS[spec.dbType]),
    ssl_link: sslLinkValue(ssl, rng),
    project_id: spec.projectId,
    db_user: rng.pick(DB_USERS[spec.dbType]),
    db_password: fakeSecret('db_password', rng),
  };
  if (spec.cloud) {
    Object.assign(endpoint, {
      inst_id: `${rng.hex(32)}${INSTANCE_SUFFIX[spec.dbType]}`,
      inst_name: `${spec.dbType === 'mongodb' ? 'dds' : 'rds'}-${spec.namePrefix}`,
      vpc_id: rng.uuid(),
      subnet_id: rng.uuid(),
    });
    if (rng.chance(0.4)) endpoint.security_group_id = rng.uuid();
    if (rng.chance(0.3)) endpoint.az_code = `${spec.region}${rng.pick(['a', 'b', 'c'])}`;
  }
  if (spec.dbType === 'postgresql' || spec.dbType.startsWith('gaussdbv5'))
    endpoint.db_name = rng.pick(['postgres', 'appdb']);
  if (spec.dbType === 'mongodb') endpoint.mongo_ha_mode = rng.pick(['replicaSet', 'Single']);
  if (ssl) {
    Object.assign(endpoint, {
      ssl_cert_name: 'ca.pem',
      ssl_cert_check_sum: rng.hex(64),
      ssl_cert_password: fakeSecret('ssl_cert_password', rng),
      ssl_cert_key: fakeSecret('ssl_cert_key', rng),
    });
  }
  return endpoint;
}
