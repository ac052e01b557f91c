import type { RequestLike } from './context.js';

/** What yoga's context factory sees for a graphql-ws operation (HTTP requests carry `request`). */
export interface WsContext {
  connectionParams?: Record<string, unknown>;
  socketClosed?: AbortSignal;
}

/**
 * The request a context reads credentials from: the HTTP request, or for graphql-ws the
 * connection params (`{"X-Auth-Token": …, "X-Project-Id": …}`) and a signal for the socket.
 */
export function requestOf(initial: { request?: Request } & WsContext): RequestLike {
  if (initial.request) return initial.request;
  const headers = new Headers();
  for (const [name, value] of Object.entries(initial.connectionParams ?? {})) {
    if (typeof value === 'string') headers.set(name, value);
  }
  return { headers, signal: initial.socketClosed ?? new AbortController().signal };
}
