import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type DocumentNode, getOperationAST, parse } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import type { WebSocketServer } from 'ws';
import { hostAllowed } from './allowed-hosts.js';
import { requestOf, type WsContext } from './context.js';
import { originAllowed } from './origin-rule.js';
import { refusal, yogaEntry } from './yoga-entry.js';

type Yoga = YogaServerInstance<WsContext, object>;

export interface WsRules {
  /** Largest message accepted (MAX_REQUEST_BYTES, as for HTTP bodies); a bigger one closes the socket (1009). */
  maxPayloadBytes: number;
  /** CORS_ORIGINS: which other origins' pages may connect (see origin-rule.ts). */
  corsOrigins: readonly string[] | undefined;
  /** ALLOWED_HOSTS, as for HTTP requests (see allowed-hosts.ts). */
  allowedHosts?: readonly string[] | undefined;
}

/**
 * Serves graphql-ws on the same port and path as HTTP, through yoga's pipeline (same plugins, same
 * rules). `ws` and `graphql-ws` load on the first upgrade request, so a gateway no WebSocket client
 * ever reaches does not hold them (~4 MB of resident memory). Upgrades to any other path get a 400,
 * as `ws` itself answers them; upgrades from a page of an origin HTTP's CORS would not allow, a 403.
 */
export function attachGraphQLWs(
  server: Server,
  yoga: Yoga,
  rules: WsRules = { maxPayloadBytes: 1_000_000, corsOrigins: undefined },
): () => Promise<void> {
  let started: Promise<WebSocketServer> | undefined;
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    if ((req.url ?? '/').split('?')[0] !== yoga.graphqlEndpoint) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const { origin, host } = req.headers;
    if (!hostAllowed(host, rules.allowedHosts) || !originAllowed(origin, host, rules.corsOrigins)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    // Node hands an upgraded socket over without its error listener; one is needed until ws adds its own.
    socket.on('error', () => socket.destroy());
    started ??= startServer(yoga, rules.maxPayloadBytes);
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
    if (wss === undefined) return;
    // Closing the server only stops new upgrades: tell each client we are going (1001), which ends
    // its subscriptions.
    for (const client of wss.clients) client.close(1001, 'The gateway is shutting down');
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
}

async function startServer(yoga: Yoga, maxPayload: number): Promise<WebSocketServer> {
  const [{ WebSocketServer }, { useServer }] = await Promise.all([import('ws'), import('graphql-ws/use/ws')]);
  const wss = new WebSocketServer({ noServer: true, maxPayload });
  const closed = new WeakMap<object, AbortController>();
  const pipeline = yogaEntry(yoga);
  // graphql-ws wants a schema beside the document; yoga's own is what runs the operation.
  const { schema } = yoga.getEnveloped();
  useServer(
    {
      // Each operation runs whole in yoga's pipeline (below); graphql-ws only needs to know its kind.
      execute: (args: any) => args.rootValue.run(),
      subscribe: (args: any) => args.rootValue.run(),
      onConnect: (ctx) => {
        closed.set(ctx, new AbortController());
      },
      onClose: (ctx) => closed.get(ctx)?.abort(),
      onSubscribe: (ctx, _id, params) => {
        const connectionParams = ctx.connectionParams;
        const signal = closed.get(ctx)?.signal ?? new AbortController().signal;
        const request = requestOf({ connectionParams, socketClosed: signal }) as unknown as Request;
        const serverContext = {
          req: ctx.extra.request as IncomingMessage,
          request,
          connectionParams,
          socketClosed: signal,
        };
        // The same entry as HTTP requests: params hooks (persisted operations), the envelop chain
        // and execution-result hooks; a hook's refusal is masked as yoga masks it.
        const run = () =>
          Promise.resolve()
            .then(() => pipeline.getResultForParams({ params, request }, serverContext))
            .catch((error: unknown) => refusal(pipeline, error));
        return { schema, document: kindOf(params.query, params.operationName), rootValue: { run } };
      },
    },
    wss,
  );
  return wss;
}

const QUERY = parse('{ __typename }');
const SUBSCRIPTION = parse('subscription { __typename }');

/**
 * A document of the operation's kind, all graphql-ws reads of it to choose execute or subscribe: the
 * real document is parsed and validated by yoga (a text that does not parse runs as a query, so yoga
 * answers its syntax error).
 */
function kindOf(query: unknown, operationName: string | null | undefined): DocumentNode {
  try {
    const operation = getOperationAST(parse(String(query)), operationName);
    return operation?.operation === 'subscription' ? SUBSCRIPTION : QUERY;
  } catch {
    return QUERY;
  }
}
