import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Plugin } from 'graphql-yoga';

const gzipped = promisify(gzip);

export interface GraphiQLPageOptions {
  title: string;
  /** What a new tab opens with. */
  defaultQuery: string;
  /** The tabs GraphiQL opens with (a browser that has used it before keeps its own). */
  defaultTabs?: { query: string; variables?: string }[];
  /** The first tab's Variables pane: GraphiQL fills the editor from this, not from `defaultTabs`. */
  variables?: string;
  /** `variables` opens the Variables pane. */
  defaultEditorToolsVisibility?: boolean | 'variables' | 'headers';
}

interface Page {
  html: string;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
}

/**
 * Serves GraphiQL (a GET of the GraphQL path that accepts text/html) in place of yoga's own plugin.
 * The bundled page carries GraphiQL's assets inline (~9 MB) so it works with no network: it is
 * rendered and gzip-compressed once, on the first view, sent compressed to browsers that accept
 * gzip, and revalidated by ETag (`304`) rather than sent again on every view.
 */
export function useGraphiQLPage(endpoint: string, options: GraphiQLPageOptions): Plugin {
  let page: Promise<Page> | undefined;
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET' || !request.headers.get('accept')?.includes('text/html')) return;
      if (url.pathname !== endpoint && url.pathname !== `${endpoint}/`) return;
      page ??= renderPage(options);
      return page.then((ready) => endResponse(respond(ready, request.headers, fetchAPI.Response)));
    },
  };
}

async function renderPage(options: GraphiQLPageOptions): Promise<Page> {
  // The renderer weighs ~80 MB of heap while loaded: only a gateway someone browses pays for it.
  const { renderGraphiQL } = await import('@graphql-yoga/render-graphiql');
  const html = renderGraphiQL(options);
  const etag = `"${createHash('sha256').update(html).digest('base64url').slice(0, 32)}"`;
  return { html, gzip: new Uint8Array(await gzipped(html)), etag };
}

function respond(page: Page, headers: Headers, Response: typeof globalThis.Response): Response {
  // no-cache: browsers may keep the page but must ask first (its example ids can change on restart).
  const common = { etag: page.etag, 'cache-control': 'no-cache', vary: 'accept-encoding' };
  if (headers.get('if-none-match')?.includes(page.etag)) return new Response(null, { status: 304, headers: common });
  const ok = { ...common, 'content-type': 'text/html; charset=utf-8' };
  if (!/\bgzip\b/.test(headers.get('accept-encoding') ?? '')) return new Response(page.html, { headers: ok });
  return new Response(page.gzip, {
    headers: { ...ok, 'content-encoding': 'gzip', 'content-length': String(page.gzip.length) },
  });
}
