import type { Plugin } from 'graphql-yoga';

/** POST bodies the gateway reads: JSON only. */
const JSON_TYPES = ['application/json', 'application/graphql-response+json', 'application/graphql+json'];

const REFUSED = JSON.stringify({
  errors: [
    {
      message: 'POST bodies must be JSON (Content-Type: application/json)',
      extensions: { code: 'UNSUPPORTED_MEDIA_TYPE', retryable: false },
    },
  ],
});

/**
 * Refuses POSTs of any other content type with 415 before they are parsed. A form or text/plain
 * POST is a "simple" request a browser sends cross-origin without asking (CSRF): answered, it would
 * spend DRS calls with the gateway's credentials for any page. JSON needs a CORS preflight.
 * Plain JSON POSTs take the fast path, which never gets here; everything else does.
 */
export function useJsonPostsOnly(): Plugin {
  return {
    onRequestParse({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
      if (JSON_TYPES.includes(type)) return;
      endResponse(
        new fetchAPI.Response(REFUSED, { status: 415, headers: { 'content-type': 'application/json; charset=utf-8' } }),
      );
    },
  };
}
