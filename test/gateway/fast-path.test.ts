import { Readable } from 'node:stream';
import { GraphQLObjectType, GraphQLScalarType, GraphQLSchema, GraphQLString } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fastPathListener } from '../../src/fast-path.js';
import { type Harness, listenOn, startHarness } from '../support/harness.js';

/**
 * The gateway as src/main.ts serves it (the fast path in front of yoga) beside the same gateway with
 * HTTP_FAST_PATH=false (every request through yoga), each with its own simulator seeded alike, both
 * over real HTTP. Every request must get the same status, headers (but Date) and bytes for the same
 * upstream calls, and the ones the fast path is for must be answered by it, the others by yoga.
 */
interface Sent {
  method?: 'GET' | 'POST';
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Send the body without a Content-Length (chunked). */
  chunked?: boolean;
}

interface Seen {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  calls: string[];
}

interface Side {
  h: Harness;
  url: string;
  close(): Promise<void>;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const DASHBOARD = `query Dashboard($ids: [ID!]!) { jobs(ids: $ids) { id name status createdAt
  sourceEndpoint { dbType ip port } targetEndpoint { dbType instanceName }
  progress { percent transferStatus incrementalDelaySeconds phases { phase completedPercent } }
  structDetail(type: TABLE) { total objects { edges { node { sourceObject progress } } } } } }`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function side(env: Record<string, string>): Promise<Side> {
  const h = await startHarness({ MAX_REQUEST_BYTES: '4000', ...env });
  const server = await h.listen();
  const close = async () => {
    await server.close();
    await h.close();
  };
  return { h, url: server.url, close };
}

async function send(to: Side, sent: Sent): Promise<Seen> {
  to.h.sim.resetCalls();
  const url = new URL(sent.path ?? '/graphql', to.url);
  const body = sent.chunked ? Readable.from([sent.body ?? '']) : sent.body;
  const res = await request(url, { method: sent.method ?? 'POST', headers: sent.headers ?? JSON_TYPE, body });
  const raw = await res.body.text();
  // Date and the request id (random per request unless the caller sends one) differ by nature.
  const { date: _date, 'x-request-id': requestId, ...headers } = res.headers;
  expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
  // DRS request ids are random per call; everything else must match to the byte.
  const text = raw.replace(/"requestId":"[0-9a-f]+"/g, '"requestId":"…"');
  const calls = to.h.sim.calls.map((call) => `${call.api} ${call.type ?? ''} ${(call.jobs ?? []).join(',')}`);
  return { status: res.statusCode, headers, body: text, calls };
}

/** What answered the requests `send` made, by side (the gateway's drs_gateway_http_requests_total). */
async function handled(side: Side, send: () => Promise<Seen>): Promise<{ seen: Seen; fast: number; yoga: number }> {
  const before = await side.h.served();
  const seen = await send();
  const after = await side.h.served();
  return { seen, fast: after.fast - before.fast, yoga: after.yoga - before.yoga };
}

/** Sends to both sides; expects them alike and says which side of the fast listener answered. */
async function compare(fast: Side, plain: Side, sent: Sent): Promise<{ seen: Seen; by: 'fast' | 'yoga' }> {
  const a = await handled(fast, () => send(fast, sent));
  const b = await handled(plain, () => send(plain, sent));
  expect(a.seen).toEqual(b.seen);
  // With HTTP_FAST_PATH=false yoga answers everything; the fast side answered once, on one side.
  expect([b.fast, b.yoga]).toEqual([0, 1]);
  expect(a.fast + a.yoga).toBe(1);
  return { seen: a.seen, by: a.fast === 1 ? 'fast' : 'yoga' };
}

const post = (payload: unknown, headers: Record<string, string> = {}): Sent => ({
  headers: { ...JSON_TYPE, ...headers },
  body: typeof payload === 'string' ? payload : JSON.stringify(payload),
});

describe('fast path: same answers as yoga', () => {
  let fast: Side;
  let plain: Side;
  let ids: string[];
  beforeAll(async () => {
    [fast, plain] = await Promise.all([side({}), side({ HTTP_FAST_PATH: 'false' })]);
    ids = fast.h.sim.jobIds(fast.h.projectId, 12);
    expect(plain.h.sim.jobIds(plain.h.projectId, 12)).toEqual(ids);
  });
  afterAll(async () => {
    await Promise.all([fast?.close(), plain?.close()]);
  });

  it('answers the dashboard query itself, with the same five upstream calls', async () => {
    const { seen, by } = await compare(fast, plain, post({ query: DASHBOARD, variables: { ids: ids.slice(0, 12) } }));
    expect(by).toBe('fast');
    expect(seen.status).toBe(200);
    expect(seen.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(seen.body).data.jobs).toHaveLength(12);
    // 12 ids: two batch-detail calls (10 + 2), one batch-progress, one batch-struct-detail.
    expect(seen.calls.map((call) => call.split(' ')[0]).sort()).toEqual([
      'batch-detail',
      'batch-detail',
      'batch-progress',
      'batch-struct-detail',
    ]);
  });

  const served: [string, () => Sent][] = [
    [
      'per-job errors: malformed and unknown ids beside a live one',
      () => post({ query: '{ jobs(ids: ["bad", "x"]) { id } }' }),
    ],
    [
      'unknown and live ids, aliases, fragments',
      () =>
        post({
          query: `query($ids: [ID!]!) { a: jobs(ids: $ids) { ...J } b: job(id: "${UNKNOWN_ID}") { id } }
            fragment J on Job { id status progress { percent } }`,
          variables: { ids: [ids[0], UNKNOWN_ID] },
        }),
    ],
    [
      'the graphql-response+json media type',
      () => post({ query: '{ jobs(ids: ["bad"]) { id } }' }, { accept: 'application/graphql-response+json' }),
    ],
    [
      'a list of accepted types with parameters',
      () =>
        post(
          { query: `{ job(id: "${UNKNOWN_ID}") { id } }` },
          { accept: 'application/graphql-response+json;charset=utf-8, application/json;q=0.9' },
        ),
    ],
    ['Accept: */*', () => post({ query: '{ __typename }' }, { accept: '*/*' })],
    [
      'an Accept listing plain JSON first',
      () =>
        post(
          { query: '{ jobs(ids: ["bad"]) { id } }' },
          { accept: 'application/json, application/graphql-response+json' },
        ),
    ],
    ['Accept: application/*', () => post({ query: '{ __typename }' }, { accept: 'application/*' })],
    [
      'the operation picked by operationName, null variables',
      () =>
        post({
          query: `query A { __typename } query B { job(id: "${UNKNOWN_ID}") { id } }`,
          operationName: 'B',
          variables: null,
        }),
    ],
    [
      "the caller's own (wrong) token: DRS's 401 masked to UNAUTHENTICATED",
      () => post({ query: `{ job(id: "${UNKNOWN_ID}") { id name } }` }, { 'x-auth-token': 'MIInot-a-token' }),
    ],
    ['X-Language: zh-cn', () => post({ query: `{ job(id: "${UNKNOWN_ID}") { id } }` }, { 'x-language': 'zh-cn' })],
    [
      'Content-Type with a charset',
      () => post({ query: '{ __typename }' }, { 'content-type': 'application/json; charset=utf-8' }),
    ],
    ['introspection', () => post({ query: '{ __schema { queryType { name } } }' })],
    // Refused by yoga's own pipeline, which the fast path runs: same words, same status.
    ['a query that does not parse', () => post({ query: '{ jobs(ids: [' })],
    ['a query that fails validation', () => post({ query: '{ jobs(ids: []) { nope } }' })],
    [
      'a validation error with graphql-response+json',
      () => post({ query: '{ nope }' }, { accept: 'application/graphql-response+json' }),
    ],
    ['variables that fail to coerce', () => post({ query: DASHBOARD, variables: { ids: [true] } })],
    ['a malformed X-Project-Id', () => post({ query: '{ __typename }' }, { 'x-project-id': 'nope' })],
    [
      'a subscription (asking for JSON: yoga answers 406, it streams only as events)',
      () =>
        post(
          { query: `subscription { jobProgress(ids: ["${UNKNOWN_ID}"]) { percent } }` },
          { accept: 'application/json' },
        ),
    ],
  ];
  for (const [name, make] of served) {
    it(`serves ${name} itself`, async () => {
      const { seen, by } = await compare(fast, plain, make());
      expect(by).toBe('fast');
      // Whatever the answer, every error in it carries a code.
      for (const error of JSON.parse(seen.body || '{}').errors ?? []) expect(error.extensions?.code).toBeTruthy();
    });
  }

  it('serves an upstream failure itself, masked as yoga masks it', async () => {
    for (const h of [fast.h, plain.h]) h.sim.faults.set('batch-detail', '500*10');
    try {
      const { seen, by } = await compare(fast, plain, post({ query: `{ job(id: "${ids[0]}") { id } }` }));
      expect(by).toBe('fast');
      expect(JSON.parse(seen.body).errors[0].extensions.code).toMatch(/^[A-Z_]+$/);
    } finally {
      for (const h of [fast.h, plain.h]) h.sim.faults.clear();
    }
  });

  const handedOn: [string, () => Sent][] = [
    ['a body that is not JSON', () => post('{"query": ')],
    // Bytes JSON.parse refuses though they decode (yoga refuses them too, in its own words).
    ['a body behind a UTF-8 byte order mark', () => post(`\uFEFF${JSON.stringify({ query: '{ __typename }' })}`)],
    ['a batch (JSON array)', () => post([{ query: '{ __typename }' }])],
    ['extensions', () => post({ query: '{ __typename }', extensions: { persistedQuery: { version: 1 } } })],
    ['variables that are not an object', () => post({ query: DASHBOARD, variables: [ids[0]] })],
    ['a missing query', () => post({ variables: {} })],
    ['Accept: text/html', () => post({ query: '{ __typename }' }, { accept: 'text/html' })],
    ['a non-JSON content type', () => ({ headers: { 'content-type': 'text/plain' }, body: '{ __typename }' })],
    [
      'a GET',
      () => ({ method: 'GET', path: '/graphql?query=%7B__typename%7D', headers: { accept: 'application/json' } }),
    ],
    ['another path', () => ({ path: '/health', method: 'GET', headers: {} })],
    ['a chunked body', () => ({ ...post({ query: '{ __typename }' }), chunked: true })],
    ['a body over MAX_REQUEST_BYTES', () => post({ query: '{ __typename }', variables: { pad: 'x'.repeat(5000) } })],
  ];
  for (const [name, make] of handedOn) {
    it(`hands ${name} to yoga`, async () => {
      const { seen, by } = await compare(fast, plain, make());
      expect(by).toBe('yoga');
      expect(seen.calls).toEqual([]);
    });
  }
});

describe("yoga's plugin chain, whose HTTP hooks the fast path skips", () => {
  it('is the one src/fast-path.ts was checked against', async () => {
    // The fast path runs every plugin's operation hooks (params, parse, validate, context, execute,
    // result) but not yoga's HTTP hooks (onRequest, onRequestParse, onResponse). A new plugin or a yoga
    // upgrade that adds one of those, or changes these, must be reviewed against src/fast-path.ts (and
    // its case added to the differential test above) before this list is updated.
    const h = await startHarness();
    try {
      const plugins = (h.yoga as unknown as { plugins: Record<string, unknown>[] }).plugins;
      expect(plugins.map((plugin) => Object.keys(plugin).sort().join('+'))).toMatchInlineSnapshot(`
        [
          "onExecute+onParse+onSubscribe+onValidate",
          "onPluginInit",
          "",
          "onContextBuilding",
          "onRequest",
          "",
          "",
          "onRequestParse",
          "onRequestParse",
          "onRequestParse",
          "onRequestParse",
          "onRequestParse",
          "onResultProcess+onSubscribe",
          "instrumentation+onEnveloped+onExecute+onExecutionResult+onParse+onPluginInit+onSubscribe+onValidate",
          "onPluginInit",
          "onContextBuilding+onEnveloped+onExecute+onParse+onPluginInit+onSchemaChange+onSubscribe+onValidate",
          "onRequest+onYogaInit",
          "onRequest",
          "onParse+onResultProcess+onValidate",
          "onRequestParse",
          "onRequestParse",
          "onParams",
          "onParse",
          "onValidate",
          "onValidate",
          "onValidate",
          "onExecute+onSubscribe",
          "onExecute",
          "",
          "onParse+onValidate",
          "onRequestParse",
          "onParams",
          "onRequest",
          "onRequestParse",
          "onParse",
          "onSubscribe",
          "onExecute+onPluginInit+onSubscribe",
          "",
          "onValidate",
        ]
      `);
    } finally {
      await h.close();
    }
  });
});

describe('fast path with CORS configured', () => {
  let fast: Side;
  let plain: Side;
  beforeAll(async () => {
    const env = { CORS_ORIGINS: 'https://dash.example.com' };
    [fast, plain] = await Promise.all([side(env), side({ ...env, HTTP_FAST_PATH: 'false' })]);
  });
  afterAll(async () => {
    await Promise.all([fast?.close(), plain?.close()]);
  });

  it("leaves a browser's cross-origin request to yoga's CORS handling", async () => {
    const { seen, by } = await compare(
      fast,
      plain,
      post({ query: '{ __typename }' }, { origin: 'https://dash.example.com' }),
    );
    expect(by).toBe('yoga');
    expect(seen.headers['access-control-allow-origin']).toBe('https://dash.example.com');
  });

  it('serves a request without an Origin itself', async () => {
    expect((await compare(fast, plain, post({ query: '{ __typename }' }))).by).toBe('fast');
  });
});

describe('fast path when an answer cannot be serialised', () => {
  it('answers 500 with a masked error and keeps serving', async () => {
    // A scalar that lets a BigInt through: JSON.stringify throws on it, after execution.
    const Raw = new GraphQLScalarType({ name: 'Raw', serialize: (value) => value });
    const tiny = new GraphQLSchema({
      query: new GraphQLObjectType({
        name: 'Query',
        fields: { big: { type: Raw, resolve: () => 10n }, ok: { type: GraphQLString, resolve: () => 'fine' } },
      }),
    });
    const yoga = createYoga({ schema: tiny, logging: false });
    const served = { fast: 0, yoga: 0 };
    const listener = fastPathListener(
      yoga,
      { endpoint: '/graphql', maxRequestBytes: 10_000, corsConfigured: false },
      served,
    );
    const server = await listenOn(listener);
    const { url } = server;
    try {
      const bad = await request(url, { method: 'POST', headers: JSON_TYPE, body: '{"query":"{ big }"}' });
      expect(bad.statusCode).toBe(500);
      // Yoga's own answer to the same failure, to the byte.
      const fromYoga = await yoga.fetch(url, {
        method: 'POST',
        headers: { ...JSON_TYPE },
        body: '{"query":"{ big }"}',
      });
      expect(fromYoga.status).toBe(500);
      expect(await bad.body.text()).toBe(await fromYoga.text());
      const good = await request(url, { method: 'POST', headers: JSON_TYPE, body: '{"query":"{ ok }"}' });
      expect(await good.body.json()).toEqual({ data: { ok: 'fine' } });
      expect(served).toEqual({ fast: 2, yoga: 0 });
    } finally {
      await server.close();
    }
  });
});
