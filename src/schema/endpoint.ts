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
  description: 'A database a job reads from or writes to. Carries no credential of any kind.',
  fields: (t) => ({
    ...enumFields(t, 'dbType', DbType, (e) => e.db_type, 'Database engine.'),
    ip: t.string({
      description: 'Address of the database (may list several `ip:port` pairs).',
      resolve: (e) => nonEmpty(e.ip),
    }),
    port: t.int({ resolve: (e) => wholeNumber(e.db_port) }),
    region: t.string({ resolve: (e) => nonEmpty(e.region) }),
    projectId: t.string({
      description: 'Project of a cloud database instance.',
      resolve: (e) => nonEmpty(e.project_id),
    }),
    instanceId: t.string({ resolve: (e) => nonEmpty(e.inst_id) }),
    instanceName: t.string({ resolve: (e) => nonEmpty(e.inst_name) }),
    user: t.string({ description: 'Database account DRS connects with.', resolve: (e) => nonEmpty(e.db_user) }),
    dbName: t.string({ description: 'Database (or Oracle service) name.', resolve: (e) => nonEmpty(e.db_name) }),
    sslEnabled: t.boolean({ resolve: (e) => flag(e.ssl_link) }),
    sslCertName: t.string({
      description: 'Name of the uploaded certificate, never its content.',
      resolve: (e) => nonEmpty(e.ssl_cert_name),
    }),
    azCode: t.string({ resolve: (e) => nonEmpty(e.az_code) }),
    vpcId: t.string({ resolve: (e) => nonEmpty(e.vpc_id) }),
    subnetId: t.string({ resolve: (e) => nonEmpty(e.subnet_id) }),
    securityGroupId: t.string({ resolve: (e) => nonEmpty(e.security_group_id) }),
    kafkaTopic: t.string({ resolve: (e) => nonEmpty(e.topic) }),
    kafkaSecurityProtocol: t.string({
      description: 'PLAINTEXT, SASL_PLAINTEXT, SSL or SASL_SSL; key stores and passwords are never exposed.',
      resolve: (e) => nonEmpty(e.kafka_security_config?.type),
    }),
    kafkaSaslMechanism: t.string({ resolve: (e) => nonEmpty(e.kafka_security_config?.sasl_mechanism) }),
    mongoHaMode: t.string({ resolve: (e) => nonEmpty(e.mongo_ha_mode) }),
    clusterMode: t.string({ resolve: (e) => nonEmpty(e.cluster_mode) }),
  }),
});
