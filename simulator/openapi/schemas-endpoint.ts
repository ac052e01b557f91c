import { bool, boolOrString, enumOf, int, intOrString, obj, ref, type Schema, secret, str } from './kit.js';

/** v3 `Endpoint` and its `KafkaSecurity` (REFERENCE §3): where most planted secrets live. */

const kafkaSecurity = obj({
  type: enumOf(['PLAINTEXT', 'SASL_PLAINTEXT', 'SSL', 'SASL_SSL']),
  trust_store_key_name: str,
  trust_store_key: secret('Base64 truststore'),
  trust_store_password: secret('truststore password'),
  endpoint_algorithm: str,
  sasl_mechanism: str,
  delegation_tokens: bool,
  enable_key_store: bool,
  key_store_key: secret('Base64 keystore'),
  key_store_key_name: str,
  key_store_password: secret('keystore password'),
  set_private_key_password: bool,
  key_password: secret('private key password'),
});

const endpoint = obj({
  db_type: str,
  az_code: str,
  region: str,
  inst_id: str,
  vpc_id: str,
  subnet_id: str,
  security_group_id: str,
  project_id: str,
  db_name: str,
  db_password: secret('database password'),
  db_port: intOrString,
  db_user: str,
  inst_name: str,
  ip: str,
  mongo_ha_mode: str,
  safe_mode: int,
  ssl_cert_password: secret('SSL certificate password'),
  ssl_cert_check_sum: str,
  ssl_cert_key: secret('Base64 SSL certificate'),
  ssl_cert_name: str,
  ssl_link: boolOrString,
  topic: str,
  cluster_mode: str,
  kafka_security_config: ref('KafkaSecurity'),
});

export const ENDPOINT_SCHEMAS: Record<string, Schema> = { KafkaSecurity: kafkaSecurity, Endpoint: endpoint };
