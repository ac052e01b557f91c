import type { Endpoint as EndpointDto } from '../drs/types.js';
import { builder } from './builder.js';
import { enumFields } from './enum-field.js';
import { DbType } from './enums.js';
import { flag, nonEmpty, wholeNumber } from './wire.js';

/**
 * A source, target or message-queue database of a job. Secrets (passwords, certificate and
 * keystore contents) are deliberately absent: no resolver here reads them.
 */
export const Endpoint = builder.objectRef<EndpointDto>('Endpoint').implement({
  description:
    'A database a v3 job reads from or writes to (batch-detail `source_endpoint`, `target_endpoint`, ' +
    '`dmq_endpoint`, `source_sharding[]`). Carries no credential of any kind: DRS’s `db_password`, ' +
    'certificate and key-store fields are never read.',
  fields: (t) => ({
    ...enumFields(t, 'dbType', DbType, (e) => e.db_type, 'Database engine (`db_type`).'),
    ip: t.string({
      description: 'Address of the database (`ip`; may list several `ip:port` pairs).',
      resolve: (e) => nonEmpty(e.ip),
    }),
    port: t.int({ description: 'Port, 1–65535 (`db_port`).', resolve: (e) => wholeNumber(e.db_port) }),
    region: t.string({
      description: 'Region of a cloud database instance (`region`).',
      resolve: (e) => nonEmpty(e.region),
    }),
    projectId: t.string({
      description: 'Project of a cloud database instance (`project_id`).',
      resolve: (e) => nonEmpty(e.project_id),
    }),
    instanceId: t.string({
      description: 'Cloud database instance id (`inst_id`).',
      resolve: (e) => nonEmpty(e.inst_id),
    }),
    instanceName: t.string({
      description: 'Cloud database instance name (`inst_name`).',
      resolve: (e) => nonEmpty(e.inst_name),
    }),
    user: t.string({
      description: 'Database account DRS connects with (`db_user`); never its password.',
      resolve: (e) => nonEmpty(e.db_user),
    }),
    dbName: t.string({
      description: 'Database, or Oracle service, name (`db_name`).',
      resolve: (e) => nonEmpty(e.db_name),
    }),
    sslEnabled: t.boolean({
      description: 'Whether the connection uses SSL (`ssl_link`, sent as boolean or string).',
      resolve: (e) => flag(e.ssl_link),
    }),
    sslCertName: t.string({
      description: 'Name of the uploaded certificate (`ssl_cert_name`), never its content.',
      resolve: (e) => nonEmpty(e.ssl_cert_name),
    }),
    azCode: t.string({ description: 'AZ of the database (`az_code`).', resolve: (e) => nonEmpty(e.az_code) }),
    vpcId: t.string({ description: 'VPC of the database (`vpc_id`).', resolve: (e) => nonEmpty(e.vpc_id) }),
    subnetId: t.string({ description: 'Subnet of the database (`subnet_id`).', resolve: (e) => nonEmpty(e.subnet_id) }),
    securityGroupId: t.string({
      description: 'Security group of the database (`security_group_id`).',
      resolve: (e) => nonEmpty(e.security_group_id),
    }),
    kafkaTopic: t.string({
      description: 'Kafka topic of a Kafka endpoint (`topic`).',
      resolve: (e) => nonEmpty(e.topic),
    }),
    kafkaSecurityProtocol: t.string({
      description:
        'Kafka security protocol (`kafka_security_config.type`): PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL. ' +
        'Key stores and passwords are never exposed.',
      resolve: (e) => nonEmpty(e.kafka_security_config?.type),
    }),
    kafkaSaslMechanism: t.string({
      description: 'Kafka SASL mechanism (`sasl_mechanism`): GSSAPI, PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512.',
      resolve: (e) => nonEmpty(e.kafka_security_config?.sasl_mechanism),
    }),
    mongoHaMode: t.string({
      description: 'MongoDB HA mode (`mongo_ha_mode`).',
      resolve: (e) => nonEmpty(e.mongo_ha_mode),
    }),
    clusterMode: t.string({
      description: 'Cluster mode (`cluster_mode`): `Sharding4.0+` for MongoDB 4.0+ sharded clusters.',
      resolve: (e) => nonEmpty(e.cluster_mode),
    }),
  }),
});
