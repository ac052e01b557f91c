import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const view = (headers: Record<string, string>) =>
  h.fetch('http://gateway/graphql', { headers: { accept: 'text/html', ...headers } });

describe('GraphiQL page', () => {
  it('is sent gzip-compressed to browsers that accept it, the same page at a fraction of the bytes', async () => {
    h.sim.resetCalls();
    const plain = await view({ 'accept-encoding': 'identity' });
    const html = await plain.text();
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(html).toContain('<title>DRS GraphQL gateway</title>');

    // undici's request, unlike fetch, hands over the bytes as sent (fetch would decompress them).
    const packed = await request(h.url, { headers: { accept: 'text/html', 'accept-encoding': 'gzip, deflate, br' } });
    expect(packed.statusCode).toBe(200);
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers.vary).toBe('accept-encoding');
    const bytes = Buffer.from(await packed.body.arrayBuffer());
    expect(Number(packed.headers['content-length'])).toBe(bytes.length);
    expect(gunzipSync(bytes).toString('utf8')).toBe(html);
    expect(bytes.length).toBeLessThan(Buffer.byteLength(html) / 3);
    expect(h.calls()).toHaveLength(0);
  });

  it('is revalidated by ETag: an unchanged page answers 304 with no body', async () => {
    const first = await view({ 'accept-encoding': 'gzip' });
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    expect(first.headers.get('cache-control')).toBe('no-cache');
    await first.arrayBuffer();

    const again = await view({ 'accept-encoding': 'gzip', 'if-none-match': etag! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);

    const stale = await view({ 'accept-encoding': 'gzip', 'if-none-match': '"something-else"' });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it('leaves GraphQL requests on the same path alone', async () => {
    const res = await h.fetch('http://gateway/graphql?query=%7B__typename%7D', {
      headers: { accept: 'application/json', 'accept-encoding': 'gzip' },
    });
    expect(await res.json()).toEqual({ data: { __typename: 'Query' } });
    expect(res.headers.get('content-encoding')).toBeNull();
  });
});
