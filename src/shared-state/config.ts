import { bool, ConfigError, type Env, int, text } from '../config-env.js';

/** Where replicas keep what they share (src/shared-state/); in memory unless REDIS_URL is set. */
export interface SharedStateConfig {
  /** redis:// or rediss:// URL; undefined keeps every shared piece in this process's memory. */
  readonly redisUrl: string | undefined;
  /** Readiness fails while Redis is down (REDIS_REQUIRED); otherwise the gateway carries on without it. */
  readonly required: boolean;
  /** Put before every key and channel, so several gateways (or environments) can share one Redis. */
  readonly keyPrefix: string;
  /** Longest wait for one Redis command before Redis counts as down (a slow Redis must not slow answers). */
  readonly commandTimeoutMs: number;
}

const PREFIX = /^[A-Za-z0-9:_.-]{0,64}$/;

/** Reads REDIS_URL, REDIS_REQUIRED, REDIS_KEY_PREFIX and REDIS_COMMAND_TIMEOUT_MS. */
export function sharedStateConfig(env: Env): SharedStateConfig {
  const redisUrl = redisUrlOf(text(env, 'REDIS_URL'));
  const required = bool(env, 'REDIS_REQUIRED', false);
  if (required && redisUrl === undefined) {
    throw new ConfigError('REDIS_REQUIRED=true needs REDIS_URL (the Redis the replicas share)');
  }
  const keyPrefix = env.REDIS_KEY_PREFIX?.trim() ?? 'drs-gateway:';
  if (!PREFIX.test(keyPrefix)) {
    throw new ConfigError('REDIS_KEY_PREFIX must be at most 64 letters, digits or : _ . - (e.g. "drs-gateway:")');
  }
  return Object.freeze({
    redisUrl,
    required,
    keyPrefix,
    commandTimeoutMs: int(env, 'REDIS_COMMAND_TIMEOUT_MS', 300, 10, 10_000),
  });
}

function redisUrlOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let parsed: URL | undefined;
  try {
    parsed = new URL(raw);
  } catch {
    parsed = undefined;
  }
  // The value is never echoed: a Redis URL may carry a password.
  if (parsed === undefined || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:')) {
    throw new ConfigError('REDIS_URL must be a redis:// or rediss:// URL such as redis://redis:6379');
  }
  return raw;
}
