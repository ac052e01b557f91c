import { createLocalJWKSet, createRemoteJWKSet, errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { RequestLike } from '../context.js';
import type { JwtSettings } from './auth-config.js';
import type { CredentialSets } from './auth-files.js';
import { type Grant, projectList } from './grant.js';
import { forbidden, keySetUnavailable, unauthenticated } from './refusals.js';

/** Longer than any real token; a bigger one is refused before it is decoded. */
const MAX_TOKEN_CHARS = 8192;
const BEARER = /^Bearer[ \t]+([A-Za-z0-9._~+/=-]+)[ \t]*$/i;

/** The identity provider's key set could not be fetched (as opposed to a token it does not cover). */
class KeySetDown extends Error {}

/** Verifies `Authorization: Bearer <jwt>` and reads the caller's grant from its claims. */
export function jwtAuthenticator(
  settings: JwtSettings,
  sets: CredentialSets,
): (request: RequestLike) => Promise<Grant> {
  const keys = keySet(settings.keys);
  const options = {
    issuer: settings.issuer,
    audience: [...settings.audience],
    algorithms: [...settings.algorithms],
    clockTolerance: settings.clockToleranceSeconds,
    // A token without an expiry would be a password that never changes.
    requiredClaims: ['exp'],
  };
  return async (request) => {
    const header = request.headers.get('authorization');
    if (header === null || header.trim() === '') {
      throw unauthenticated('An Authorization: Bearer <token> header is required', 'Bearer');
    }
    const token = header.length <= MAX_TOKEN_CHARS ? BEARER.exec(header)?.[1] : undefined;
    if (token === undefined) throw unauthenticated('The Authorization header must be Bearer <token>', 'Bearer');
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys, options));
    } catch (error) {
      throw refusalFor(error);
    }
    return grantOf(payload, settings, sets);
  };
}

/**
 * A local key set, or the provider's JWKS fetched on first use and kept 10 minutes (refetched at
 * most every 30 s when a token names an unknown `kid`, as after a key rotation), 5 s per fetch.
 */
function keySet(source: JwtSettings['keys']): JWTVerifyGetKey {
  if ('jwks' in source) return createLocalJWKSet(source.jwks);
  const remote = createRemoteJWKSet(new URL(source.url), {
    timeoutDuration: 5_000,
    cooldownDuration: 30_000,
    cacheMaxAge: 600_000,
  });
  return async (header, token) => {
    try {
      return await remote(header, token);
    } catch (error) {
      // What the token chose (its kid or alg) is the caller's problem; anything else is the fetch's.
      if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWKSMultipleMatchingKeys) throw error;
      if (error instanceof errors.JOSENotSupported) throw error;
      throw new KeySetDown('key set unavailable', { cause: error });
    }
  };
}

function refusalFor(error: unknown) {
  if (error instanceof KeySetDown) return keySetUnavailable();
  return unauthenticated(`The bearer token ${reasonOf(error)}`, 'Bearer');
}

/** Why jose refused the token, in words a client can act on; never the token itself. */
function reasonOf(error: unknown): string {
  if (error instanceof errors.JWTExpired) return 'has expired';
  if (error instanceof errors.JWTClaimValidationFailed) return claimProblem(error);
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'has a signature that does not verify';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'uses an algorithm not in AUTH_JWT_ALGORITHMS';
  if (error instanceof errors.JWKSNoMatchingKey) return 'is signed by a key the gateway does not know';
  return 'is not a valid JWT';
}

function claimProblem(error: InstanceType<typeof errors.JWTClaimValidationFailed>): string {
  if (error.claim === 'iss') return 'was not issued by the trusted issuer';
  if (error.claim === 'aud') return 'is not meant for this gateway (audience)';
  if (error.claim === 'nbf' || error.claim === 'iat') return 'is not valid yet';
  if (error.reason === 'missing') return `lacks the "${error.claim}" claim`;
  return `has an invalid "${error.claim}" claim`;
}

function grantOf(payload: JWTPayload, settings: JwtSettings, sets: CredentialSets): Grant {
  const claimed = payload[settings.projectsClaim];
  // No project claim grants nothing (403 for every project); a malformed one is not a token we issue.
  const projects = claimed === undefined ? new Set<string>() : projectList(claimed);
  if (projects === undefined) {
    throw unauthenticated(
      `The token's "${settings.projectsClaim}" claim must list 32-hex project ids or "*"`,
      'Bearer',
    );
  }
  const setName = payload[settings.credentialSetClaim];
  const credential = setName === undefined ? undefined : sets.get(String(setName));
  if (setName !== undefined && (typeof setName !== 'string' || credential === undefined)) {
    throw forbidden(`The token names a credential set ("${settings.credentialSetClaim}") this gateway does not hold`);
  }
  return {
    subject: typeof payload.sub === 'string' ? payload.sub : 'jwt',
    projects,
    credential,
    expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : undefined,
  };
}
