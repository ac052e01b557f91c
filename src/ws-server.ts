import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { YogaServerInstance } from 'graphql-yoga';
import type { WebSocketServer } from 'ws';
import type { WsContext } from './ws.js';

type Yoga = YogaServerInstance<WsContext, object>;

/**
 * Serves graphql-ws on the same port and path as HTTP, through yoga's envelop (same plugins).
 * `ws` and `graphql-ws` load on the first upgrade request, so a gateway no WebSocket client ever
 * reaches does not hold them (~4 MB of resident memory). Upgrades to any other path get a 400, as
 * `ws` itself answers them.
 */
export function attachGraphQLWs(server: Server, yoga: Yoga): () => Promise<void> {
  let started: Promise<WebSocketServer> | undefined;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '/').split('?')[0] !== yoga.graphqlEndpoint) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Node hands an upgraded socket over without its error listener; one is needed until ws adds its own.
    socket.on('error', () => socket.destroy());
    started ??= startServer(yoga);
    started.then(
      (wss) => wss.handleUpgrade(req, socket, head, (client) => wss.emit('connection', client, req)),
      (error) => {
        yoga.logger.error('graphql-ws could not start', error);
        socket.destroy();
      },
    );
  };
  server.on('upgrade', onUpgrade);
  return async () => {
    server.off('upgrade', onUpgrade);
    const wss = await started?.catch(() => undefined);
    if (wss) await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

async function startServer(yoga: Yoga): Promise<WebSocketServer> {
  const [{ WebSocketServer }, { useServer }] = await Promise.all([import('ws'), import('graphql-ws/use/ws')]);
  const wss = new WebSocketServer({ noServer: true });
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
  return wss;
}
