import type { IncomingMessage, Server } from 'node:http';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
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

/** Serves graphql-ws on the same port and path as HTTP, through yoga's envelop (same plugins). */
export function attachGraphQLWs(server: Server, yoga: YogaServerInstance<WsContext, object>): () => Promise<void> {
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const closed = new WeakMap<object, AbortController>();
  useServer(
    {
      execute: (args: any) => args.rootValue.execute(args),
      subscribe: (args: any) => args.rootValue.subscribe(args),
      onConnect: (ctx) => {
        closed.set(ctx, new AbortController());
      },
      onClose: (ctx) => closed.get(ctx)?.abort(),
      onSubscribe: async (ctx, _id, params) => {
        const request = ctx.extra.request as IncomingMessage;
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: request,
          params,
          connectionParams: ctx.connectionParams,
          socketClosed: closed.get(ctx)?.signal,
        });
        const args = {
          schema,
          operationName: params.operationName,
          document: parse(params.query),
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe },
        };
        const errors = validate(args.schema, args.document);
        return errors.length > 0 ? errors : args;
      },
    },
    wss,
  );
  return () => new Promise<void>((resolve) => wss.close(() => resolve()));
}
