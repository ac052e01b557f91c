import type { RequestLike } from '../context.js';
import type { Logger } from '../logging/index.js';
import { apiKeyAuthenticator } from './api-key.js';
import type { AuthConfig } from './auth-config.js';
import { allows, type Grant } from './grant.js';
import { jwtAuthenticator } from './jwt.js';
import { reloadingKeys } from './key-reload.js';
import { forbidden } from './refusals.js';

export type { Grant } from './grant.js';

/**
 * Who the caller is and what it may do, or undefined when AUTH_MODE=none (every caller is
 * anonymous). Throws UNAUTHENTICATED; a Promise only where verification is async (JWT).
 */
export type Authenticator = (request: RequestLike) => Grant | Promise<Grant> | undefined;

/** Built once per gateway: the JWT verifier keeps its key set (and the JWKS cache) for every request. */
export function createAuthenticator(auth: AuthConfig, logger?: Pick<Logger, 'info' | 'warn'>): Authenticator {
  if (auth.mode === 'jwt') return jwtAuthenticator(auth.jwt, auth.credentialSets);
  if (auth.mode === 'api-key') {
    return apiKeyAuthenticator(
      reloadingKeys(auth.apiKeys, (outcome) =>
        outcome.ok
          ? logger?.info({ keys: outcome.keys }, 'AUTH_API_KEYS_FILE changed: API keys reloaded')
          : logger?.warn(
              { reason: outcome.reason },
              'AUTH_API_KEYS_FILE changed but could not be read: the keys read before stay',
            ),
      ),
    );
  }
  return () => undefined;
}

/** Refuses (FORBIDDEN) a project the caller was not granted, before any DRS call. */
export function authorize(grant: Grant | undefined, projectId: string): void {
  if (grant !== undefined && !allows(grant, projectId)) {
    throw forbidden(`This caller may not read project ${projectId}`);
  }
}
