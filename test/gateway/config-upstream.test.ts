import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const IAM = { DRS_IAM_USER: 'ops', DRS_IAM_PASSWORD: ' pa ss ', DRS_IAM_DOMAIN: 'acme' };
const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

describe('DRS_REGION', () => {
  it.each([
    ['cn-north-4', 'https://drs.cn-north-4.myhuaweicloud.com'],
    ['ap-southeast-1', 'https://drs.ap-southeast-1.myhuaweicloud.com'],
    ['my-kualalumpur-1', 'https://drs.my-kualalumpur-1.myhuaweicloud.com'],
    ['eu-west-0', 'https://drs.eu-west-0.myhuaweicloud.com'],
    // The documented exception: Huawei Cloud Europe (Dublin) has its own domain.
    ['eu-west-101', 'https://drs.eu-west-101.myhuaweicloud.eu'],
    [' CN-North-4 ', 'https://drs.cn-north-4.myhuaweicloud.com'],
  ])('%s → %s, which means real DRS (not the simulator)', (region, endpoint) => {
    const config = loadConfig({ DRS_REGION: region, DRS_PROJECT_ID: PROJECT });
    expect(config.drsEndpoint).toBe(endpoint);
    expect(config.region).toBe(region.trim().toLowerCase());
    expect(loadConfig({ DRS_REGION: region, DRS_PROJECT_ID: PROJECT, NODE_ENV: 'production' }).graphiql).toBe(false);
  });

  it('DRS_ENDPOINT overrides the DRS host; IAM still follows the region', () => {
    const config = loadConfig({
      DRS_REGION: 'eu-west-101',
      DRS_ENDPOINT: 'http://127.0.0.1:9000/',
      DRS_PROJECT_ID: PROJECT,
      ...IAM,
    });
    expect(config.drsEndpoint).toBe('http://127.0.0.1:9000');
    expect(config.iam).toEqual({
      endpoint: 'https://iam.eu-west-101.myhuaweicloud.eu',
      user: 'ops',
      password: ' pa ss ',
      domain: 'acme',
    });
    expect(Object.isFrozen(config.iam)).toBe(true);
  });

  it('no region and no endpoint keeps the embedded simulator', () => {
    expect(loadConfig({}).drsEndpoint).toBeUndefined();
    expect(loadConfig({}).iam).toBeUndefined();
  });

  it.each([
    [{ DRS_REGION: 'cn_north_4', DRS_PROJECT_ID: PROJECT }, 'DRS_REGION'],
    [{ DRS_REGION: 'https://drs.cn-north-4.myhuaweicloud.com', DRS_PROJECT_ID: PROJECT }, 'DRS_REGION'],
    [{ DRS_REGION: 'eu-de', DRS_PROJECT_ID: PROJECT }, 'DRS_REGION'],
    [{ DRS_REGION: 'cn-north-4' }, 'DRS_PROJECT_ID'],
    [{ DRS_REGION: 'cn-north-4', DRS_PROJECT_ID: PROJECT, DRS_IAM_USER: 'ops' }, 'DRS_IAM_PASSWORD'],
    [{ DRS_REGION: 'cn-north-4', DRS_PROJECT_ID: PROJECT, ...IAM, DRS_IAM_DOMAIN: ' ' }, 'DRS_IAM_DOMAIN'],
    [{ ...IAM }, 'DRS_IAM_USER'],
    [{ DRS_ENDPOINT: 'https://drs.example.com', DRS_PROJECT_ID: PROJECT, ...IAM }, 'DRS_IAM_ENDPOINT'],
    [{ DRS_REGION: 'cn-north-4', DRS_PROJECT_ID: PROJECT, ...IAM, DRS_AUTH_TOKEN: 'MII' }, 'DRS_IAM_USER'],
    [{ DRS_REGION: 'cn-north-4', DRS_PROJECT_ID: PROJECT, ...IAM, DRS_AK: 'AK', DRS_SK: 'SK' }, 'DRS_IAM_USER'],
    [
      { DRS_REGION: 'cn-north-4', DRS_PROJECT_ID: PROJECT, DRS_IAM_ENDPOINT: 'https://iam.myhuaweicloud.com' },
      'DRS_IAM_ENDPOINT',
    ],
    [
      { DRS_REGION: 'cn-north-4', DRS_PROJECT_ID: PROJECT, ...IAM, DRS_IAM_ENDPOINT: 'iam.example.com' },
      'DRS_IAM_ENDPOINT',
    ],
  ])('%j fails naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable} `));
  });

  it('DRS_IAM_ENDPOINT (e.g. the global IAM) wins over the region’s', () => {
    const env = { DRS_REGION: 'cn-north-4', DRS_PROJECT_ID: PROJECT, ...IAM };
    expect(loadConfig(env).iam?.endpoint).toBe('https://iam.cn-north-4.myhuaweicloud.com');
    expect(loadConfig({ ...env, DRS_IAM_ENDPOINT: 'https://iam.myhuaweicloud.com/' }).iam?.endpoint).toBe(
      'https://iam.myhuaweicloud.com',
    );
  });

  it('every variable of src/config-upstream.ts is documented in docs/credentials.md and .env.example', () => {
    const names = [...new Set([...read('src/config-upstream.ts').matchAll(/'(DRS_[A-Z_]+)'/g)].map((m) => m[1]!))];
    expect(names.sort()).toEqual([
      'DRS_AK',
      'DRS_AUTH_TOKEN',
      'DRS_ENDPOINT',
      'DRS_IAM_DOMAIN',
      'DRS_IAM_ENDPOINT',
      'DRS_IAM_PASSWORD',
      'DRS_IAM_USER',
      'DRS_REGION',
    ]);
    const doc = read('docs/credentials.md');
    const example = read('.env.example');
    expect(names.filter((name) => !doc.includes(name))).toEqual([]);
    expect(names.filter((name) => !example.includes(`${name}=`))).toEqual([]);
  });
});
