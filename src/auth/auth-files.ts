import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { ConfigError } from '../config-env.js';
import type { DrsAuth } from '../drs/credentials.js';
import { type Grant, projectList } from './grant.js';

/** Named server-side DRS credentials a caller's grant may point at. */
export type CredentialSets = ReadonlyMap<string, DrsAuth>;

const SET_NAME = /^[A-Za-z0-9._-]{1,64}$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

function readText(path: string, variable: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(
      `${variable} could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'}: ${path})`,
    );
  }
}

function readObject(path: string, variable: string, text = readText(path, variable)): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${variable} must hold JSON (${path}: ${(error as Error).message})`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${variable} must hold a JSON object (${path})`);
  }
  return raw as Record<string, unknown>;
}

/** `{ "<name>": { "token": "…" } | { "ak": "…", "sk": "…", "securityToken"?: "…" } }`; messages never quote a secret. */
export function loadCredentialSets(path: string | undefined): CredentialSets {
  const sets = new Map<string, DrsAuth>();
  if (path === undefined) return sets;
  const variable = 'AUTH_CREDENTIAL_SETS_FILE';
  for (const [name, value] of Object.entries(readObject(path, variable))) {
    if (!SET_NAME.test(name))
      throw new ConfigError(`${variable}: set names are 1-64 of A-Z a-z 0-9 . _ - (got "${name}")`);
    const { token, ak, sk, securityToken } = (value ?? {}) as Record<string, unknown>;
    const str = (v: unknown) => typeof v === 'string' && v.trim() !== '';
    if (str(token) && ak === undefined && sk === undefined && securityToken === undefined) {
      sets.set(name, { kind: 'token', token: (token as string).trim() });
    } else if (str(ak) && str(sk) && token === undefined && (securityToken === undefined || str(securityToken))) {
      const temporary = securityToken === undefined ? {} : { securityToken: securityToken as string };
      sets.set(name, { kind: 'aksk', ak: ak as string, sk: sk as string, ...temporary });
    } else {
      throw new ConfigError(`${variable}: set "${name}" must be {"token"} or {"ak", "sk", "securityToken"?}`);
    }
  }
  return sets;
}

/**
 * `{ "<sha256 hex of the key>": { "projects": [...], "credentialSet"?: "<name>", "name"?: "<label>" } }`.
 * Only hashes are kept, so the file (and the process) never holds a usable key.
 */
export function loadApiKeys(path: string, sets: CredentialSets): ReadonlyMap<string, Grant> {
  const variable = 'AUTH_API_KEYS_FILE';
  const keys = new Map<string, Grant>();
  for (const [index, [hash, value]] of Object.entries(readObject(path, variable)).entries()) {
    const where = `${variable} entry #${index + 1}`;
    // The entry is not quoted: a plain key put there by mistake must not reach a log.
    if (!SHA256_HEX.test(hash.toLowerCase())) {
      throw new ConfigError(
        `${where}: the key must be the SHA-256 hex of an API key (64 hex characters), never the key`,
      );
    }
    const { projects, credentialSet, name } = (value ?? {}) as Record<string, unknown>;
    const allowed = projectList(projects);
    if (allowed === undefined) throw new ConfigError(`${where}: "projects" must list 32-hex project ids or "*"`);
    if (credentialSet !== undefined && (typeof credentialSet !== 'string' || !sets.has(credentialSet))) {
      throw new ConfigError(`${where}: "credentialSet" must name a set of AUTH_CREDENTIAL_SETS_FILE`);
    }
    const subject = typeof name === 'string' && name !== '' ? name : `key#${index + 1}`;
    const credential = credentialSet === undefined ? undefined : sets.get(credentialSet as string);
    keys.set(hash.toLowerCase(), Object.freeze({ subject, projects: allowed, credential }));
  }
  if (keys.size === 0) throw new ConfigError(`${variable} must hold at least one key (${path})`);
  return keys;
}

/** A PEM public key (or certificate) or a JWKS JSON file, as a key set jose can pick from by `kid`/`alg`. */
export function loadJwtKeys(path: string): JSONWebKeySet {
  const variable = 'AUTH_JWT_KEY_FILE';
  const text = readText(path, variable);
  if (text.trimStart().startsWith('{')) {
    const jwks = readObject(path, variable, text) as unknown as JSONWebKeySet;
    try {
      createLocalJWKSet(jwks);
    } catch (error) {
      throw new ConfigError(`${variable} is not a valid JWKS (${(error as Error).message})`);
    }
    if (jwks.keys.some((key) => 'd' in key)) throw new ConfigError(`${variable} must hold public keys only`);
    return jwks;
  }
  if (/PRIVATE KEY/.test(text)) throw new ConfigError(`${variable} must hold a public key, not a private one`);
  try {
    return { keys: [createPublicKey(text).export({ format: 'jwk' })] } as JSONWebKeySet;
  } catch (error) {
    throw new ConfigError(`${variable} must be a PEM public key or a JWKS JSON file (${(error as Error).message})`);
  }
}
