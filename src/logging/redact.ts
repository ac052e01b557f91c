/**
 * Key names whose values are secrets wherever they appear in a logged object: credentials, the
 * headers that carry them, and the DRS model fields that hold database passwords, keys and certificates.
 */
const SECRET_KEYS = [
  'token',
  'authToken',
  'auth_token',
  'x-auth-token',
  'x-subject-token',
  'authorization',
  'x-api-key',
  'apiKey',
  'api_key',
  'cookie',
  'password',
  'db_password',
  'dbPassword',
  'sk',
  'secret',
  'securityToken',
  'security_token',
  'x-security-token',
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

/** Secret keys, compared case-insensitively (`Authorization`, `X-Auth-Token` as headers arrive). */
const SECRET = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));

/** Deep enough for any object the gateway logs; anything deeper is written as `[Object]`, unread. */
const MAX_DEPTH = 8;

export const REDACTED = '[Redacted]';

/**
 * A logged object with every secret key's value replaced by `[Redacted]`, at any depth (objects
 * below MAX_DEPTH become `[Object]`); the object itself when it holds none (nothing is copied on
 * the common path). Used as
 * pino's `formatters.log` instead of its `redact` paths: a path matches one level per `*`, and the
 * ~175 wildcard paths that reach five levels cost ~500 µs a line against ~1 µs for this walk.
 */
export function censor<T>(value: T, depth = 0): T {
  if (value === null || typeof value !== 'object') return value;
  // Nothing deeper is looked at, so nothing deeper may be written (this also ends a cycle).
  if (depth > MAX_DEPTH) return '[Object]' as T;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      const clean = censor(item, depth + 1);
      if (clean === item) return;
      copy ??= [...value];
      copy[index] = clean;
    });
    return (copy ?? value) as T;
  }
  let copy: Record<string, unknown> | undefined;
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const item = record[key];
    const clean = SECRET.has(key.toLowerCase()) ? REDACTED : censor(item, depth + 1);
    if (clean === item) continue;
    copy ??= plainCopy(record);
    copy[key] = clean;
  }
  return (copy ?? value) as T;
}

/** An error's message and stack are not own enumerable keys: a copy keeps them. */
function plainCopy(record: Record<string, unknown>): Record<string, unknown> {
  if (!(record instanceof Error)) return { ...record };
  return { ...record, type: record.name, message: record.message, stack: record.stack };
}
