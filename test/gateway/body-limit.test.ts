import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, type Listening, startHarness } from '../support/harness.js';

/** MAX_REQUEST_BYTES over real HTTP: by Content-Length up front, and by counting a chunked body. */
let h: Harness;
let server: Listening;
let port: number;
const LIMIT = 2_000;

beforeAll(async () => {
  h = await startHarness({ MAX_REQUEST_BYTES: String(LIMIT) });
  // What src/main.ts serves: the fast path in front of yoga, which hands it oversized and chunked bodies.
  server = await h.listen();
  port = Number(new URL(server.url).port);
});
afterAll(async () => {
  await server.close();
  await h.close();
});

/** POSTs `body`, in `pieces` writes; chunked transfer (no Content-Length) when `chunked`. */
function post(body: string, chunked: boolean): Promise<{ status: number; json: any }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (!chunked) headers['content-length'] = String(Buffer.byteLength(body));
    const req = request({ host: '127.0.0.1', port, path: '/graphql', method: 'POST', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode!, json: JSON.parse(text) }));
    });
    req.on('error', reject);
    // Several writes, so a chunked body arrives in several chunks.
    for (let i = 0; i < body.length; i += 500) req.write(body.slice(i, i + 500));
    req.end();
  });
}

const query = (ids: string[]) =>
  JSON.stringify({ query: 'query($ids: [ID!]!) { jobs(ids: $ids) { id } }', variables: { ids } });

describe('request body limit', () => {
  it('answers a body within the limit, sized or chunked', async () => {
    const ids = h.sim.jobIds(h.projectId, 3);
    for (const chunked of [false, true]) {
      h.sim.resetCalls();
      const res = await post(query(ids), chunked);
      expect(res.status).toBe(200);
      expect(res.json.data.jobs.map((j: { id: string }) => j.id)).toEqual(ids);
      expect(h.calls().map((c) => c.api)).toEqual(['batch-detail']);
    }
  });

  it('refuses a larger body with 413 and a coded error, before any DRS call', async () => {
    const ids = h.sim.jobIds(h.projectId, 60);
    expect(query(ids).length).toBeGreaterThan(LIMIT);
    for (const chunked of [false, true]) {
      h.sim.resetCalls();
      const res = await post(query(ids), chunked);
      expect(res.status).toBe(413);
      expect(res.json.errors[0].extensions.code).toBe('REQUEST_ENTITY_TOO_LARGE');
      expect(res.json.errors[0].message).toContain(`${LIMIT} bytes`);
      expect(h.calls()).toHaveLength(0);
    }
  });
});
