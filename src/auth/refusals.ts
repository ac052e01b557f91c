import type { GraphQLError } from 'graphql';
import { requestError } from '../errors.js';

/** The scheme a 401 names in `WWW-Authenticate`, so a client knows what to send. */
export type Scheme = 'Bearer' | 'ApiKey';

/** No caller identity, or one the gateway cannot accept: HTTP 401 before any DRS call. */
export function unauthenticated(message: string, scheme: Scheme): GraphQLError {
  return requestError(message, 'UNAUTHENTICATED', 401, { 'WWW-Authenticate': `${scheme} realm="drs-gateway"` });
}

/** A known caller asking for what it was not granted: HTTP 403 before any DRS call. */
export function forbidden(message: string): GraphQLError {
  return requestError(message, 'FORBIDDEN', 403);
}

/** The identity provider's key set cannot be fetched: not the caller's fault, worth retrying. */
export function keySetUnavailable(): GraphQLError {
  return requestError(
    "The identity provider's key set (AUTH_JWKS_URL) could not be fetched; try again later",
    'UPSTREAM_UNAVAILABLE',
    503,
  );
}
