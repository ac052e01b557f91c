/**
 * Field names whose values are secrets wherever they appear in a logged object: credentials, the
 * headers that carry them, and the DRS model fields that hold database passwords, keys and certificates.
 */
const SECRET_KEYS = [
  'token',
  'authToken',
  'auth_token',
  'x-auth-token',
  'X-Auth-Token',
  'x-subject-token',
  'X-Subject-Token',
  'authorization',
  'Authorization',
  'x-api-key',
  'X-Api-Key',
  'apiKey',
  'api_key',
  'cookie',
  'Cookie',
  'password',
  'db_password',
  'dbPassword',
  'sk',
  'secret',
  'securityToken',
  'security_token',
  'x-security-token',
  'X-Security-Token',
  'cert',
  'certificate',
  'privateKey',
  'private_key',
  'ssl_cert_key',
  'ssl_cert_password',
  'trust_store_key',
  'trust_store_password',
  'key_store_key',
  'key_store_password',
  'key_password',
];

/** pino's redaction matches whole paths and `*` stands for one level, so each key is listed this deep. */
const DEPTH = 5;

/** pino `redact` paths: every secret key at the top level and up to DEPTH - 1 objects down. */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => {
  const leaf = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  return Array.from({ length: DEPTH }, (_, depth) => {
    const prefix = '*.'.repeat(depth);
    return leaf.startsWith('[') ? `${prefix.slice(0, -1)}${leaf}` : `${prefix}${leaf}`;
  });
});

export const REDACTED = '[Redacted]';
