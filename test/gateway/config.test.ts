import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_BATCH_SIZE, DEFAULT_PROGRESS_BATCH_SIZE, loadConfig } from '../../src/config.js';

const REAL = {
  DRS_ENDPOINT: 'https://drs.cn-north-4.myhuaweicloud.com/',
  DRS_PROJECT_ID: '054ba152d480d55b2f5dc0069e7ddef0',
};

describe('loadConfig', () => {
  it('defaults to the embedded simulator with documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 4000,
      drsEndpoint: undefined,
      batchSizes: { detail: DEFAULT_BATCH_SIZE, progress: DEFAULT_PROGRESS_BATCH_SIZE, structDetail: 100 },
      language: 'en-us',
      graphiql: true,
      executor: 'planned',
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('turns GraphiQL off in production against real DRS unless GRAPHIQL=true, keeps it on the embedded default', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).graphiql).toBe(true);
    expect(loadConfig({ ...REAL, NODE_ENV: 'production' }).graphiql).toBe(false);
    expect(loadConfig({ ...REAL, NODE_ENV: 'production', GRAPHIQL: 'true' }).graphiql).toBe(true);
    expect(loadConfig({ ...REAL }).graphiql).toBe(true);
  });

  it('reads a real endpoint, trimming the trailing slash', () => {
    const config = loadConfig({
      ...REAL,
      DRS_AUTH_TOKEN: ' tok ',
      DRS_BATCH_SIZE: '100',
      DRS_PROGRESS_BATCH_SIZE: '7',
      DRS_STRUCT_BATCH_SIZE: '8',
      DRS_LANGUAGE: 'ZH-CN',
      PORT: '0',
      GRAPHIQL: 'false',
      GRAPHQL_EXECUTOR: 'graphql-js',
    });
    expect(config).toMatchObject({
      drsEndpoint: 'https://drs.cn-north-4.myhuaweicloud.com',
      projectId: REAL.DRS_PROJECT_ID,
      authToken: 'tok',
      batchSizes: { detail: 100, progress: 7, structDetail: 8 },
      language: 'zh-cn',
      port: 0,
      graphiql: false,
      executor: 'graphql-js',
    });
  });

  it('reads AK/SK credentials, resilience settings and frontend options', () => {
    const config = loadConfig({
      DRS_AK: 'AK1',
      DRS_SK: 'SK1',
      DRS_SECURITY_TOKEN: 'temp',
      DRS_RETRY_BUDGET_PERCENT: '20',
      DRS_RATE_LIMIT_RPS: '50',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.akSk).toEqual({ ak: 'AK1', sk: 'SK1', securityToken: 'temp' });
    expect(config.resilience).toMatchObject({
      retryBudgetRatio: 0.2,
      rateLimitRps: 50,
      maxRetries: 2,
      throttleBackoffMinMs: 2000,
      throttleBackoffMaxMs: 5000,
    });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it.each([
    [{ PORT: '70000' }, 'PORT'],
    [{ PORT: '4k' }, 'PORT'],
    [{ DRS_BATCH_SIZE: '0' }, 'DRS_BATCH_SIZE'],
    [{ DRS_BATCH_SIZE: '101' }, 'DRS_BATCH_SIZE'],
    [{ DRS_BATCH_SIZE: '2.5' }, 'DRS_BATCH_SIZE'],
    [{ DRS_PROGRESS_BATCH_SIZE: '0' }, 'DRS_PROGRESS_BATCH_SIZE'],
    [{ DRS_STRUCT_BATCH_SIZE: '101' }, 'DRS_STRUCT_BATCH_SIZE'],
    [{ DRS_LANGUAGE: 'fr-fr' }, 'DRS_LANGUAGE'],
    [{ DRS_ENDPOINT: 'drs.example.com' }, 'DRS_ENDPOINT'],
    [{ DRS_ENDPOINT: 'ftp://drs.example.com', DRS_PROJECT_ID: REAL.DRS_PROJECT_ID }, 'DRS_ENDPOINT'],
    [{ DRS_ENDPOINT: REAL.DRS_ENDPOINT }, 'DRS_PROJECT_ID'],
    [{ ...REAL, DRS_PROJECT_ID: 'not-a-project' }, 'DRS_PROJECT_ID'],
    [{ GRAPHIQL: 'maybe' }, 'GRAPHIQL'],
    [{ DRS_TIMEOUT_MS: '0' }, 'DRS_TIMEOUT_MS'],
    [{ DRS_AK: 'AK' }, 'DRS_SK'],
    [{ DRS_SK: 'SK' }, 'DRS_AK'],
    [{ DRS_SECURITY_TOKEN: 'tmp' }, 'DRS_SECURITY_TOKEN'],
    [{ PERSISTED_OPERATIONS_ONLY: 'true' }, 'PERSISTED_OPERATIONS_ONLY'],
    [{ CORS_ORIGINS: ' , ' }, 'CORS_ORIGINS'],
    [{ DRS_RETRY_MAX: '11' }, 'DRS_RETRY_MAX'],
    [{ DRS_THROTTLE_BACKOFF_MIN_MS: '3000', DRS_THROTTLE_BACKOFF_MAX_MS: '2000' }, 'DRS_THROTTLE_BACKOFF_MAX_MS'],
    [{ DRS_POLL_INTERVAL_MS: '5' }, 'DRS_POLL_INTERVAL_MS'],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable} `));
  });
});
