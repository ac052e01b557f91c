/** The gateway's whole configuration; `loadConfig` is the only reader of the environment. */
export interface Config {
  readonly port: number;
  readonly host: string;
  /** Base URL of DRS; undefined means "start the built-in simulator" (embedded default). */
  readonly drsEndpoint: string | undefined;
  readonly projectId: string | undefined;
  readonly authToken: string | undefined;
  readonly batchSize: number;
  readonly language: DrsLanguage;
  readonly connectTimeoutMs: number;
  readonly requestTimeoutMs: number;
  readonly maxConnections: number;
  readonly maxIdsPerQuery: number;
  readonly graphiql: boolean;
  readonly logLevel: LogLevel;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type DrsLanguage = 'en-us' | 'zh-cn';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** DRS recommends at most 10 job IDs per batch-detail call for its own performance. */
export const DEFAULT_BATCH_SIZE = 10;
const PROJECT_ID = /^[0-9a-f]{32}$/;

type Env = Record<string, string | undefined>;

/** Reads and validates the environment; throws a `ConfigError` naming the variable and the fix. */
export function loadConfig(env: Env = process.env): Config {
  const drsEndpoint = url(env, 'DRS_ENDPOINT');
  const projectId = text(env, 'DRS_PROJECT_ID');
  if (projectId !== undefined && !PROJECT_ID.test(projectId)) {
    throw new ConfigError('DRS_PROJECT_ID must be the 32 lowercase hex characters of a Huawei Cloud project id');
  }
  if (drsEndpoint !== undefined && projectId === undefined) {
    throw new ConfigError('DRS_PROJECT_ID is required when DRS_ENDPOINT is set (the project the jobs belong to)');
  }
  return Object.freeze({
    port: int(env, 'PORT', 4000, 0, 65535),
    host: text(env, 'HOST') ?? '127.0.0.1',
    drsEndpoint,
    projectId,
    authToken: text(env, 'DRS_AUTH_TOKEN'),
    batchSize: int(env, 'DRS_BATCH_SIZE', DEFAULT_BATCH_SIZE, 1, 100),
    language: oneOf(env, 'DRS_LANGUAGE', ['en-us', 'zh-cn'] as const, 'en-us'),
    connectTimeoutMs: int(env, 'DRS_CONNECT_TIMEOUT_MS', 5_000, 1, 120_000),
    requestTimeoutMs: int(env, 'DRS_TIMEOUT_MS', 15_000, 1, 300_000),
    maxConnections: int(env, 'DRS_MAX_CONNECTIONS', 32, 1, 1024),
    maxIdsPerQuery: int(env, 'MAX_IDS_PER_QUERY', 1000, 1, 100_000),
    graphiql: bool(env, 'GRAPHIQL', true),
    logLevel: oneOf(env, 'LOG_LEVEL', ['debug', 'info', 'warn', 'error', 'silent'] as const, 'info'),
  });
}

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function int(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
  }
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = text(env, name)?.toLowerCase();
  if (raw === undefined) return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new ConfigError(`${name} must be true or false (got "${raw}")`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = text(env, name);
  if (raw === undefined) return fallback;
  const value = raw.toLowerCase() as T;
  if (!allowed.includes(value)) {
    throw new ConfigError(`${name} must be one of ${allowed.join(', ')} (got "${raw}")`);
  }
  return value;
}

function url(env: Env, name: string): string | undefined {
  const raw = text(env, name);
  if (raw === undefined) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ConfigError(
      `${name} must be an absolute URL such as https://drs.cn-north-4.myhuaweicloud.com (got "${raw}")`,
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new ConfigError(`${name} must use https:// (or http:// for a local simulator), got "${parsed.protocol}"`);
  }
  return parsed.origin + parsed.pathname.replace(/\/+$/, '');
}
