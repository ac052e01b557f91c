import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestError } from './errors.js';

/**
 * Caps request bodies at `limit` bytes, as yoga's own `maxRequestBodySize` does, without its cost on
 * every request: a body whose Content-Length is within the limit needs no counting (Node's HTTP parser
 * stops a body at its Content-Length), so only a body without one (chunked) is counted as it streams.
 */
export function useBodyLimit(limit: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const length = request.headers.get('content-length');
      if (length !== null) {
        if (!/^\d+$/.test(length)) throw requestError('Content-Length header is invalid.', 'BAD_REQUEST', 400);
        if (Number(length) > limit) throw tooLarge(limit);
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser((req) => parse(counted(req, limit, fetchAPI)));
    },
  };
}

/** The request with a body that errors once more than `limit` bytes have passed. */
function counted(
  request: Request,
  limit: number,
  fetchAPI: { Request: typeof Request; TransformStream: typeof TransformStream },
) {
  let seen = 0;
  // A native ReadableStream body pipes only into the native TransformStream (yoga issue #4583).
  const Transform = request.body instanceof ReadableStream ? globalThis.TransformStream : fetchAPI.TransformStream;
  const body = request.body!.pipeThrough(
    new Transform<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    duplex: 'half',
  } as RequestInit);
}

function tooLarge(limit: number): GraphQLError {
  return requestError(`Request body larger than ${limit} bytes`, 'REQUEST_ENTITY_TOO_LARGE', 413);
}
