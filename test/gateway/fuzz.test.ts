import { createClient } from 'graphql-ws';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * Thousands of generated hostile inputs (documents, variables, headers, bodies, graphql-ws
 * messages) at a running gateway over real HTTP and WebSocket: no crash, no hang, no 5xx from the
 * gateway itself, no error without a code, no secret echoed, bounded memory. Seeded, so a failure
 * replays.
 */
const HTTP_CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const WS_CASES = 300;

/** mulberry32: a small seeded PRNG, so every run sends the same inputs. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}

const FRAGMENTS = [
  '{ jobs(ids: $ids) { id name status progress { percent } } }',
  '{ job(id: $id) { id sourceEndpoint { dbType ip } structDetail(type: TABLE) { total objects(first: 5) { edges { node { sourceObject } } } } } }',
  '{ asyncJobBatch(id: $id) { id jobs(first: 3) { totalCount } } }',
  '{ job(id: $id) { objectProgress(type: TABLE, search: $s, first: 2) { totalCount } } }',
  'subscription { jobProgress(ids: $ids) { percent } }',
  '{ __schema { types { name fields { name } } } }',
  '{ _entities(representations: $r) { ... on Job { id name } } }',
  'mutation { nope }',
];
const WEIRD = [
  '',
  '..',
  '.',
  '/',
  '../../x',
  '%2e%2e',
  '\u0000',
  '\u202e',
  '💥',
  'x'.repeat(5000),
  '{',
  '"',
  '\\',
  '$',
  '@skip',
];

function generator(seed: number, ids: string[]) {
  const r = prng(seed);
  const junk = () =>
    r.next() < 0.5 ? r.pick(WEIRD) : String.fromCharCode(...Array.from({ length: r.int(40) }, () => 32 + r.int(95)));
  const value = (depth = 0): unknown => {
    const kind = r.int(8);
    if (kind === 0) return r.pick(ids);
    if (kind === 1) return junk();
    if (kind === 2) return r.int(1e9) - 5e8;
    if (kind === 3) return null;
    if (kind === 4) return r.next() < 0.5;
    if (kind === 5 && depth < 3)
      return Array.from({ length: r.int(r.next() < 0.1 ? 3000 : 5) }, () => value(depth + 1));
    if (kind === 6 && depth < 3) return { __typename: 'Job', id: value(depth + 1), [junk()]: value(depth + 1) };
    return r.pick(ids);
  };
  const document = (): string => {
    const base = `query Q($ids: [ID!]!, $id: ID!, $s: String, $r: [_Any!]!) ${r.pick(FRAGMENTS)}`;
    const cut = r.int(6);
    if (cut === 0) return base.slice(0, r.int(base.length));
    if (cut === 1)
      return base.replace(/\{/, `{ ${Array.from({ length: r.int(60) }, (_, i) => `a${i}: __typename`).join(' ')} `);
    if (cut === 2) return `${'{ a '.repeat(r.int(3000))}${'}'.repeat(r.int(3000))}`;
    if (cut === 3) return base.replace(/id/g, junk());
    return base;
  };
  const body = (): string => {
    const kind = r.int(10);
    if (kind === 0) return junk();
    if (kind === 1) return JSON.stringify([{ query: document() }]);
    if (kind === 2) return JSON.stringify({ query: r.int(5), variables: junk() });
    const variables = r.next() < 0.2 ? value() : { ids: value(), id: value(), s: value(), r: value() };
    const payload: Record<string, unknown> = { query: document(), variables };
    if (r.next() < 0.2) payload.operationName = r.next() < 0.5 ? 'Q' : junk();
    if (r.next() < 0.1) payload.extensions = { persistedQuery: { version: 1, sha256Hash: junk() } };
    return JSON.stringify(payload);
  };
  const headers = (): Record<string, string> => {
    const h: Record<string, string> = {
      'content-type': r.pick([
        'application/json',
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/graphql+json',
      ]),
    };
    if (r.next() < 0.3)
      h.accept = r.pick(['text/event-stream', 'text/html', 'application/graphql-response+json', '*/*', 'x/y']);
    if (r.next() < 0.2)
      h['x-project-id'] =
        r.next() < 0.5 ? junk().replace(/[^\x21-\x7e]/g, 'x') || 'x' : 'ee3c3ad9cc7e0b0a620f9ce423e62277';
    if (r.next() < 0.2) h['x-auth-token'] = junk().replace(/[^\x21-\x7e]/g, 'y') || 'y';
    if (r.next() < 0.2) h['x-request-id'] = junk().replace(/[^\x21-\x7e]/g, 'z') || 'z';
    if (r.next() < 0.1) h.origin = 'https://evil.example.net';
    return h;
  };
  return { r, body, headers, value, document };
}

describe('fuzz: hostile inputs at a running gateway', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ DRS_OPERATION_TIMEOUT_MS: '5000', LOG_LEVEL: 'silent' });
  });
  afterAll(() => h.close());

  it(`answers ${HTTP_CASES} generated HTTP requests coded, fast and without secrets`, async () => {
    const ids = h.sim.jobIds(h.projectId, 20);
    const g = generator(20261204, ids);
    const agent = new Agent({ connections: 16, keepAliveTimeout: 10_000 });
    const collect = (globalThis as { gc?: () => void }).gc ?? (() => {});
    collect();
    const heapBefore = process.memoryUsage().heapUsed;
    const problems: string[] = [];
    const kinds = new Map<number, number>();
    let next = 0;
    const one = async (n: number) => {
      const method = g.r.next() < 0.1 ? 'GET' : 'POST';
      const body = g.body();
      const headers = g.headers();
      // GraphiQL's page is what a GET asking for HTML gets; it is not what is under test here.
      if (method === 'GET' && headers.accept === 'text/html') delete headers.accept;
      const url = method === 'GET' ? `${h.url}?query=${encodeURIComponent(g.document())}` : h.url;
      const started = performance.now();
      const res = await request(url, {
        method,
        headers,
        body: method === 'POST' ? body : undefined,
        dispatcher: agent,
        headersTimeout: 15_000,
        bodyTimeout: 15_000,
      });
      const text = await res.body.text();
      const took = performance.now() - started;
      const where = `#${n} ${method} ${res.statusCode}`;
      if (res.statusCode >= 500) problems.push(`${where}: ${text.slice(0, 200)}`);
      if (took > 10_000) problems.push(`${where}: took ${Math.round(took)} ms`);
      if (text.includes(h.token)) problems.push(`${where}: echoed the DRS token`);
      if ((res.headers['content-type'] ?? '').toString().includes('json') && text.startsWith('{')) {
        const parsed = JSON.parse(text) as { errors?: { extensions?: { code?: unknown; retryable?: unknown } }[] };
        for (const error of parsed.errors ?? []) {
          if (typeof error.extensions?.code !== 'string' || typeof error.extensions.retryable !== 'boolean')
            problems.push(`${where}: uncoded ${JSON.stringify(error).slice(0, 200)}`);
        }
      }
      if (text.length > 5_000_000) problems.push(`${where}: answered ${text.length} bytes`);
      kinds.set(res.statusCode, (kinds.get(res.statusCode) ?? 0) + 1);
    };
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (next < HTTP_CASES) await one(next++);
      }),
    );
    await agent.close();
    console.info(`fuzz: statuses ${JSON.stringify(Object.fromEntries(kinds))}, ${problems.length} problems`);
    expect(problems.slice(0, 20)).toEqual([]);
    // What stays reachable once the requests are done: the gateway shares this process with the
    // simulator (its call log) and the test, so growth, not a total. A leak per request would show.
    collect();
    const kept = process.memoryUsage().heapUsed - heapBefore;
    console.info(`fuzz: heap kept after ${HTTP_CASES} requests: ${(kept / 1024 / 1024).toFixed(1)} MB`);
    expect(kept).toBeLessThan(64 * 1024 * 1024);
  }, 300_000);

  it(`survives ${WS_CASES} generated graphql-ws operations and raw messages`, async () => {
    const ids = h.sim.jobIds(h.projectId, 5);
    const g = generator(4, ids);
    const problems: string[] = [];
    for (let n = 0; n < WS_CASES; n++) {
      if (n % 3 === 0) {
        // A raw socket sending whatever: the server must close or answer it, never crash.
        const socket = new WebSocket(h.wsUrl, 'graphql-transport-ws');
        await new Promise<void>((resolve) => {
          const done = setTimeout(() => {
            socket.terminate();
            resolve();
          }, 2_000);
          socket.once('open', () =>
            socket.send(
              g.r.next() < 0.5
                ? g.body()
                : JSON.stringify({
                    type: g.r.pick(['subscribe', 'ping', 'x', 'connection_init']),
                    id: g.value(),
                    payload: g.value(),
                  }),
            ),
          );
          socket.once('close', () => {
            clearTimeout(done);
            resolve();
          });
          socket.once('error', () => {});
          socket.once('message', () => socket.close());
        });
        continue;
      }
      const client = createClient({
        url: h.wsUrl,
        webSocketImpl: WebSocket,
        lazy: true,
        retryAttempts: 0,
        connectionParams: g.headers(),
      });
      const outcome = await new Promise<string>((resolve) => {
        const timer = setTimeout(() => resolve('hang'), 8_000);
        const stop = client.subscribe(
          {
            query: g.document(),
            variables: (g.r.next() < 0.8 ? { ids: g.value(), id: g.value() } : undefined) as never,
          },
          {
            next: (value) => {
              for (const error of value.errors ?? []) {
                if (typeof error.extensions?.code !== 'string' || typeof error.extensions.retryable !== 'boolean')
                  problems.push(`ws #${n}: uncoded ${JSON.stringify(error).slice(0, 200)}`);
              }
              if (JSON.stringify(value).includes(h.token)) problems.push(`ws #${n}: echoed the token`);
              stop();
              clearTimeout(timer);
              resolve('next');
            },
            error: () => {
              clearTimeout(timer);
              resolve('error');
            },
            complete: () => {
              clearTimeout(timer);
              resolve('complete');
            },
          },
        );
      });
      if (outcome === 'hang') problems.push(`ws #${n}: no answer in 8 s`);
      await client.dispose();
    }
    expect(problems.slice(0, 20)).toEqual([]);
    // Still serving.
    expect((await h.gql('{ __typename }')).data.__typename).toBe('Query');
  }, 300_000);
});
