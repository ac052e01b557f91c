import { createHash } from 'node:crypto';
import type { RequestLike } from '../context.js';
import type { Grant } from './grant.js';
import { unauthenticated } from './refusals.js';

/** Longer than any key worth issuing; a bigger header is refused unhashed. */
const MAX_KEY_CHARS = 512;

/**
 * Looks the `X-Api-Key` header up by its SHA-256: the digest, not the key, is compared, so the
 * lookup's timing tells nothing about any stored key, and the keys file holds no usable secret.
 * `keys` gives the keys as the file holds them now (key-reload.ts).
 */
export function apiKeyAuthenticator(keys: () => ReadonlyMap<string, Grant>): (request: RequestLike) => Grant {
  return (request) => {
    const key = request.headers.get('x-api-key')?.trim();
    if (!key) throw unauthenticated('An X-Api-Key header is required', 'ApiKey');
    const grant = key.length <= MAX_KEY_CHARS ? keys().get(createHash('sha256').update(key).digest('hex')) : undefined;
    if (grant === undefined) throw unauthenticated('The API key is not known to this gateway', 'ApiKey');
    return grant;
  };
}
