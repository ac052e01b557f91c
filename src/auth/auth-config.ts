import type { JSONWebKeySet } from 'jose';
import { bool, ConfigError, type Env, int, list, oneOf, text } from '../config-env.js';
import { type CredentialSets, loadApiKeys, loadCredentialSets, loadJwtKeys } from './auth-files.js';
import type { ApiKeySource } from './key-reload.js';

/** How callers prove who they are (docs/operations.md, "Inbound authentication and threat model"). */
export type AuthConfig =
  | { readonly mode: 'none'; readonly allowAnonymous: boolean }
  | { readonly mode: 'jwt'; readonly jwt: JwtSettings; readonly credentialSets: CredentialSets }
  | { readonly mode: 'api-key'; readonly apiKeys: ApiKeySource };

export interface JwtSettings {
  readonly issuer: string;
  /** The token's `aud` must hold one of these. */
  readonly audience: readonly string[];
  readonly algorithms: readonly string[];
  readonly clockToleranceSeconds: number;
  /** Exactly one source: the provider's JWKS URL, or keys read from a file at start-up. */
  readonly keys: { readonly url: string } | { readonly jwks: JSONWebKeySet };
  readonly projectsClaim: string;
  readonly credentialSetClaim: string;
}

/** Asymmetric only: the gateway holds public keys, never a shared secret that could mint tokens. */
const ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
  'Ed25519',
];

/** Which variables each mode reads: one set for another mode is a mistake worth stopping for. */
const MODE_OF: Record<string, readonly string[]> = {
  ALLOW_ANONYMOUS: ['none'],
  AUTH_API_KEYS_FILE: ['api-key'],
  AUTH_API_KEYS_RELOAD_MS: ['api-key'],
  AUTH_CREDENTIAL_SETS_FILE: ['jwt', 'api-key'],
  ...Object.fromEntries(
    ['JWKS_URL', 'JWT_KEY_FILE', 'JWT_ISSUER', 'JWT_AUDIENCE', 'JWT_ALGORITHMS', 'JWT_CLOCK_TOLERANCE_S']
      .concat(['PROJECTS_CLAIM', 'CREDENTIAL_SET_CLAIM'])
      .map((name) => [`AUTH_${name}`, ['jwt']]),
  ),
};

/** Every variable this module reads (the docs tests check that docs/configuration.md and .env.example name them). */
export const AUTH_VARIABLES = ['AUTH_MODE', ...Object.keys(MODE_OF)];

/** What the listener exposes, for the start-up safety rule. */
export interface Exposure {
  host: string;
  /** DRS_AUTH_TOKEN or DRS_AK is configured: callers that send nothing act with it. */
  serverCredential: boolean;
}

/** Reads AUTH_MODE and its variables; refuses an anonymous gateway with server credentials on the network. */
export function loadAuthConfig(env: Env, exposure: Exposure): AuthConfig {
  const mode = oneOf(env, 'AUTH_MODE', ['none', 'jwt', 'api-key'] as const, 'none');
  for (const [name, modes] of Object.entries(MODE_OF)) {
    if (text(env, name) !== undefined && !modes.includes(mode)) {
      throw new ConfigError(`${name} applies only with AUTH_MODE=${modes.join(' or ')} (AUTH_MODE is ${mode})`);
    }
  }
  if (mode === 'jwt') {
    return Object.freeze({
      mode,
      jwt: jwtSettings(env),
      credentialSets: loadCredentialSets(text(env, 'AUTH_CREDENTIAL_SETS_FILE')),
    });
  }
  if (mode === 'api-key') {
    const file = text(env, 'AUTH_API_KEYS_FILE');
    if (file === undefined)
      throw new ConfigError('AUTH_API_KEYS_FILE is required with AUTH_MODE=api-key (hashed keys → projects)');
    const sets = loadCredentialSets(text(env, 'AUTH_CREDENTIAL_SETS_FILE'));
    return Object.freeze({
      mode,
      apiKeys: Object.freeze({
        path: file,
        sets,
        initial: loadApiKeys(file, sets),
        reloadMs: int(env, 'AUTH_API_KEYS_RELOAD_MS', 10_000, 0, 3_600_000),
      }),
    });
  }
  const allowAnonymous = bool(env, 'ALLOW_ANONYMOUS', false);
  if (exposure.serverCredential && !isLoopback(exposure.host) && !allowAnonymous) {
    throw new ConfigError(
      `AUTH_MODE is none while DRS_AUTH_TOKEN or DRS_AK is set and HOST=${exposure.host} is not loopback: anyone who ` +
        'reaches the port would read the jobs with those credentials. Set AUTH_MODE=jwt or api-key, ' +
        'or HOST=127.0.0.1, or ALLOW_ANONYMOUS=true to accept it',
    );
  }
  return Object.freeze({ mode, allowAnonymous });
}

function jwtSettings(env: Env): JwtSettings {
  const url = text(env, 'AUTH_JWKS_URL');
  const file = text(env, 'AUTH_JWT_KEY_FILE');
  if ((url === undefined) === (file === undefined)) {
    throw new ConfigError('AUTH_JWKS_URL or AUTH_JWT_KEY_FILE (exactly one) is required with AUTH_MODE=jwt');
  }
  const issuer = text(env, 'AUTH_JWT_ISSUER');
  if (issuer === undefined)
    throw new ConfigError('AUTH_JWT_ISSUER is required with AUTH_MODE=jwt (the `iss` tokens must carry)');
  const audience = list(env, 'AUTH_JWT_AUDIENCE');
  if (audience === undefined)
    throw new ConfigError('AUTH_JWT_AUDIENCE is required with AUTH_MODE=jwt (the `aud` tokens must carry)');
  const algorithms = list(env, 'AUTH_JWT_ALGORITHMS') ?? ['RS256', 'ES256'];
  for (const alg of algorithms) {
    if (!ALGORITHMS.includes(alg))
      throw new ConfigError(`AUTH_JWT_ALGORITHMS must list only ${ALGORITHMS.join(', ')} (got "${alg}")`);
  }
  return Object.freeze({
    issuer,
    audience: Object.freeze(audience),
    algorithms: Object.freeze(algorithms),
    clockToleranceSeconds: int(env, 'AUTH_JWT_CLOCK_TOLERANCE_S', 30, 0, 300),
    keys: Object.freeze(url !== undefined ? { url: jwksUrl(url) } : { jwks: loadJwtKeys(file as string) }),
    projectsClaim: text(env, 'AUTH_PROJECTS_CLAIM') ?? 'drs_projects',
    credentialSetClaim: text(env, 'AUTH_CREDENTIAL_SET_CLAIM') ?? 'drs_credential_set',
  });
}

/** https, or http to this machine only: keys fetched in clear text over a network could be swapped. */
function jwksUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`AUTH_JWKS_URL must be an absolute https:// URL (got "${raw}")`);
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback(url.hostname))) return url.href;
  throw new ConfigError(`AUTH_JWKS_URL must use https:// (http:// only to a loopback address), got "${raw}"`);
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}
