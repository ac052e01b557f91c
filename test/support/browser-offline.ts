import type { BrowserContext } from 'playwright-core';

export interface OfflineGuard {
  /** Every URL the context's pages and workers requested, in order (data: URLs included). */
  requests: string[];
  /** The requests, WebSockets included, that aimed anywhere but the gateway; each was aborted. */
  blocked: string[];
}

/** True for inline data: URLs and for http(s)/ws(s)/blob: URLs on the gateway's host:port. */
export function isGatewayUrl(url: string, gatewayHost: string): boolean {
  if (url.startsWith('data:')) return true;
  try {
    // blob:http://127.0.0.1:1234/uuid is a same-origin in-memory object, not a network request.
    return new URL(url.startsWith('blob:') ? url.slice('blob:'.length) : url).host === gatewayHost;
  } catch {
    return false;
  }
}

/**
 * Lets `context` reach only the gateway at `gatewayUrl`: every other request is aborted and
 * recorded, so a test can assert that the page never needed the network beyond the gateway.
 */
export async function guardOffline(context: BrowserContext, gatewayUrl: string): Promise<OfflineGuard> {
  const gatewayHost = new URL(gatewayUrl).host;
  const guard: OfflineGuard = { requests: [], blocked: [] };
  context.on('request', (request) => guard.requests.push(request.url()));
  await context.route(
    () => true,
    (route) => {
      const url = route.request().url();
      if (isGatewayUrl(url, gatewayHost)) return route.continue();
      guard.blocked.push(url);
      return route.abort('blockedbyclient');
    },
  );
  await context.routeWebSocket(
    () => true,
    (ws) => {
      if (isGatewayUrl(ws.url(), gatewayHost)) return void ws.connectToServer();
      guard.blocked.push(ws.url());
      return ws.close();
    },
  );
  return guard;
}
