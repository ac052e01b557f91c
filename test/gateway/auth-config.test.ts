import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AUTH_VARIABLES } from '../../src/auth/auth-config.js';
import { anonymousWarning } from '../../src/auth/warning.js';
import { ConfigError, loadConfig } from '../../src/config.js';
import { tempFile } from '../support/auth-helpers.js';

const REAL = {
  DRS_ENDPOINT: 'https://drs.cn-north-4.myhuaweicloud.com',
  DRS_PROJECT_ID: '054ba152d480d55b2f5dc0069e7ddef0',
};
const JWT = { AUTH_MODE: 'jwt', AUTH_JWT_ISSUER: 'https://idp.example', AUTH_JWT_AUDIENCE: 'drs-gateway' };
const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = tempFile('key.pem', publicKey.export({ format: 'pem', type: 'spki' }).toString());
const privatePem = tempFile('private.pem', privateKey.export({ format: 'pem', type: 'pkcs8' }).toString());
const jwksFile = tempFile(
  'jwks.json',
  JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'a' }] }),
);
const hash = createHash('sha256').update('k-1').digest('hex');
const keys = tempFile(
  'keys.json',
  JSON.stringify({ [hash]: { projects: [REAL.DRS_PROJECT_ID], credentialSet: 'ops' } }),
);
const sets = tempFile('sets.json', JSON.stringify({ ops: { token: 'MIIops' } }));

describe('AUTH_MODE in loadConfig', () => {
  it('defaults to none, and lets a loopback gateway keep its credentials', () => {
    expect(loadConfig({ ...REAL, DRS_AUTH_TOKEN: 't' }).auth).toEqual({ mode: 'none', allowAnonymous: false });
  });

  it('reads jwt settings from a JWKS URL, a PEM key or a JWKS file', () => {
    const remote = loadConfig({ ...JWT, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_JWT_AUDIENCE: 'a, b' });
    expect(remote.auth).toMatchObject({
      mode: 'jwt',
      jwt: {
        issuer: 'https://idp.example',
        audience: ['a', 'b'],
        algorithms: ['RS256', 'ES256'],
        clockToleranceSeconds: 30,
        keys: { url: 'https://idp.example/jwks' },
        projectsClaim: 'drs_projects',
        credentialSetClaim: 'drs_credential_set',
      },
    });
    const local = loadConfig({ ...JWT, AUTH_JWT_KEY_FILE: pem, AUTH_JWT_ALGORITHMS: 'ES256' });
    expect(local.auth.mode === 'jwt' && local.auth.jwt.keys).toEqual({
      jwks: { keys: [expect.objectContaining({ kty: 'EC', crv: 'P-256' })] },
    });
    const file = loadConfig({ ...JWT, AUTH_JWT_KEY_FILE: jwksFile });
    expect(file.auth.mode === 'jwt' && 'jwks' in file.auth.jwt.keys && file.auth.jwt.keys.jwks.keys[0]?.kid).toBe('a');
  });

  it('reads hashed API keys with their projects and credential set', () => {
    const config = loadConfig({ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: keys, AUTH_CREDENTIAL_SETS_FILE: sets });
    expect(config.auth.mode === 'api-key' && config.auth.apiKeys.initial.get(hash)).toEqual({
      subject: 'key#1',
      projects: new Set([REAL.DRS_PROJECT_ID]),
      credential: { kind: 'token', token: 'MIIops' },
    });
  });

  it.each([
    // The start-up safety rule: server credentials, a non-loopback listener and no caller authentication.
    [{ ...REAL, DRS_AUTH_TOKEN: 't', HOST: '0.0.0.0' }, 'AUTH_MODE'],
    [{ DRS_AK: 'AK', DRS_SK: 'SK', HOST: '::' }, 'AUTH_MODE'],
    [{ ...REAL, DRS_AUTH_TOKEN: 't', HOST: '10.0.0.5', AUTH_MODE: 'none' }, 'AUTH_MODE'],
    [{ AUTH_MODE: 'oauth' }, 'AUTH_MODE'],
    [{ ALLOW_ANONYMOUS: 'yes' }, 'ALLOW_ANONYMOUS'],
    // A variable of another mode is a mistake that would leave the gateway open.
    [{ AUTH_JWKS_URL: 'https://idp.example/jwks' }, 'AUTH_JWKS_URL'],
    [{ AUTH_API_KEYS_FILE: keys }, 'AUTH_API_KEYS_FILE'],
    [{ ...JWT, AUTH_JWKS_URL: 'https://idp.example/jwks', ALLOW_ANONYMOUS: 'true' }, 'ALLOW_ANONYMOUS'],
    [{ ...JWT, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_API_KEYS_FILE: keys }, 'AUTH_API_KEYS_FILE'],
    [{ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: keys, AUTH_JWT_ISSUER: 'x' }, 'AUTH_JWT_ISSUER'],
    // jwt: issuer, audience and exactly one key source.
    [{ ...JWT }, 'AUTH_JWKS_URL or AUTH_JWT_KEY_FILE'],
    [
      { ...JWT, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_JWT_KEY_FILE: pem },
      'AUTH_JWKS_URL or AUTH_JWT_KEY_FILE',
    ],
    [{ ...JWT, AUTH_JWT_ISSUER: '', AUTH_JWT_KEY_FILE: pem }, 'AUTH_JWT_ISSUER'],
    [{ ...JWT, AUTH_JWT_AUDIENCE: ' ', AUTH_JWT_KEY_FILE: pem }, 'AUTH_JWT_AUDIENCE'],
    [{ ...JWT, AUTH_JWKS_URL: 'http://idp.example/jwks' }, 'AUTH_JWKS_URL'],
    [{ ...JWT, AUTH_JWKS_URL: 'idp.example/jwks' }, 'AUTH_JWKS_URL'],
    [{ ...JWT, AUTH_JWT_KEY_FILE: pem, AUTH_JWT_ALGORITHMS: 'RS256,HS256' }, 'AUTH_JWT_ALGORITHMS'],
    [{ ...JWT, AUTH_JWT_KEY_FILE: pem, AUTH_JWT_ALGORITHMS: 'none' }, 'AUTH_JWT_ALGORITHMS'],
    [{ ...JWT, AUTH_JWT_KEY_FILE: pem, AUTH_JWT_CLOCK_TOLERANCE_S: '3600' }, 'AUTH_JWT_CLOCK_TOLERANCE_S'],
    [{ ...JWT, AUTH_JWT_KEY_FILE: '/nonexistent/key.pem' }, 'AUTH_JWT_KEY_FILE'],
    [{ ...JWT, AUTH_JWT_KEY_FILE: privatePem }, 'AUTH_JWT_KEY_FILE'],
    [{ ...JWT, AUTH_JWT_KEY_FILE: tempFile('bad.pem', 'not a key') }, 'AUTH_JWT_KEY_FILE'],
    [{ ...JWT, AUTH_JWT_KEY_FILE: tempFile('bad.json', '{"keys": 1}') }, 'AUTH_JWT_KEY_FILE'],
    [
      {
        ...JWT,
        AUTH_JWT_KEY_FILE: tempFile('priv.json', JSON.stringify({ keys: [privateKey.export({ format: 'jwk' })] })),
      },
      'AUTH_JWT_KEY_FILE',
    ],
    // api-key: a readable file of hashed keys; sets it names must exist.
    [{ AUTH_MODE: 'api-key' }, 'AUTH_API_KEYS_FILE'],
    [{ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: '/nonexistent/keys.json' }, 'AUTH_API_KEYS_FILE'],
    [{ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: tempFile('k.json', '[') }, 'AUTH_API_KEYS_FILE'],
    [{ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: tempFile('k.json', '{}') }, 'AUTH_API_KEYS_FILE'],
    [{ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: keys }, 'AUTH_API_KEYS_FILE'],
    [
      {
        AUTH_MODE: 'api-key',
        AUTH_API_KEYS_FILE: tempFile('k.json', JSON.stringify({ [hash]: { projects: ['p1'] } })),
      },
      'AUTH_API_KEYS_FILE',
    ],
    [
      {
        AUTH_MODE: 'api-key',
        AUTH_API_KEYS_FILE: keys,
        AUTH_CREDENTIAL_SETS_FILE: tempFile('s.json', '{"ops": {"token": "t", "ak": "A"}}'),
      },
      'AUTH_CREDENTIAL_SETS_FILE',
    ],
    [
      {
        AUTH_MODE: 'api-key',
        AUTH_API_KEYS_FILE: keys,
        AUTH_CREDENTIAL_SETS_FILE: tempFile('s.json', '{"a b": {"token": "t"}}'),
      },
      'AUTH_CREDENTIAL_SETS_FILE',
    ],
  ])('rejects %o naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}[ :]`));
  });

  it('names neither a plain key put in the keys file nor a credential in its message', () => {
    const plain = tempFile('plain.json', JSON.stringify({ 'my-secret-api-key-123': { projects: ['*'] } }));
    expect(() => loadConfig({ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: plain })).toThrow(/entry #1: .*never the key/);
    expect(() => loadConfig({ AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: plain })).not.toThrow(/my-secret/);
    const badSet = tempFile('s.json', JSON.stringify({ ops: { ak: 'AKSECRET', sk: '' } }));
    const env = { AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: keys, AUTH_CREDENTIAL_SETS_FILE: badSet };
    expect(() => loadConfig(env)).toThrow(/set "ops" must be/);
    expect(() => loadConfig(env)).not.toThrow(/AKSECRET/);
  });

  it('starts on the network without caller authentication only with ALLOW_ANONYMOUS=true', () => {
    const config = loadConfig({ ...REAL, DRS_AUTH_TOKEN: 't', HOST: '0.0.0.0', ALLOW_ANONYMOUS: 'true' });
    expect(config.auth).toEqual({ mode: 'none', allowAnonymous: true });
    // Without a server credential every caller brings its own token: nothing to refuse.
    expect(loadConfig({ ...REAL, HOST: '0.0.0.0' }).auth.mode).toBe('none');
    expect(
      loadConfig({
        ...REAL,
        DRS_AUTH_TOKEN: 't',
        HOST: '0.0.0.0',
        AUTH_MODE: 'api-key',
        AUTH_API_KEYS_FILE: keys,
        AUTH_CREDENTIAL_SETS_FILE: sets,
      }).auth.mode,
    ).toBe('api-key');
  });

  it('warns at start when anyone reaching the port acts with the gateway credential', () => {
    const open = loadConfig({ ...REAL, DRS_AUTH_TOKEN: 't' });
    expect(anonymousWarning(open, 't', '127.0.0.1:4000')).toMatch(
      /^AUTH_MODE=none: anyone who can reach 127\.0\.0\.1:4000 can read DRS jobs with the gateway's own credentials/,
    );
    expect(anonymousWarning(loadConfig({ ...REAL }), undefined, 'x')).toBeUndefined();
    const guarded = loadConfig({
      ...REAL,
      DRS_AUTH_TOKEN: 't',
      AUTH_MODE: 'api-key',
      AUTH_API_KEYS_FILE: keys,
      AUTH_CREDENTIAL_SETS_FILE: sets,
    });
    expect(anonymousWarning(guarded, 't', 'x')).toBeUndefined();
  });
});

describe('AUTH_* documentation', () => {
  it('names every variable in docs/configuration.md and .env.example', () => {
    const read = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
    expect(AUTH_VARIABLES).toHaveLength(13);
    expect(AUTH_VARIABLES.filter((name) => !read('docs/configuration.md').includes(`\`${name}\``))).toEqual([]);
    expect(AUTH_VARIABLES.filter((name) => !read('.env.example').includes(`${name}=`))).toEqual([]);
  });
});
