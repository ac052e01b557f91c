import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ConfigError } from '../../src/config.js';
import { type Harness, startHarness } from '../support/harness.js';

const DASHBOARD = 'query Dashboard($ids: [ID!]!) { jobs(ids: $ids) { id name progress { percent } } }';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function manifest(operations: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'drs-gw-'));
  const file = join(dir, 'operations.json');
  writeFileSync(file, JSON.stringify(operations));
  return file;
}

describe('GET queries', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers a query sent as GET (cacheable reads), with the same batching', async () => {
    const ids = h.sim.jobIds(h.projectId, 3);
    const url = new URL('http://gateway/graphql');
    url.searchParams.set('query', DASHBOARD);
    url.searchParams.set('variables', JSON.stringify({ ids }));
    h.sim.resetCalls();
    const res = await h.fetch(url, { headers: { accept: 'application/graphql-response+json' } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { jobs: { id: string }[] } };
    expect(body.data.jobs.map((j) => j.id)).toEqual(ids);
    expect(h.calls()).toHaveLength(2);
  });
});

/** A browser's CORS preflight for a POST from `origin` that will send `requestHeaders`. */
function preflight(h: Harness, origin: string, requestHeaders: string) {
  return h.fetch('http://gateway/graphql', {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': requestHeaders },
  });
}

describe('CORS', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ CORS_ORIGINS: 'https://dash.example.com, https://ops.example.com' });
  });
  afterAll(() => h.close());

  it('allows the configured origins with the DRS headers', async () => {
    const res = await preflight(h, 'https://ops.example.com', 'x-auth-token');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://ops.example.com');
    expect(res.headers.get('access-control-allow-headers')).toContain('x-auth-token');
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('does not allow any other origin', async () => {
    const res = await preflight(h, 'https://evil.example.net', 'x-auth-token');
    expect(res.headers.get('access-control-allow-origin')).not.toBe('https://evil.example.net');
  });
});

describe('CORS by default', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("lets no other origin read an answer made with the gateway's own DRS credentials", async () => {
    const origin = 'https://evil.example.net';
    const asked = await preflight(h, origin, 'content-type');
    expect(asked.headers.get('access-control-allow-origin')).toBeNull();
    // A cross-origin GET is sent by browsers without a preflight: it runs, but its answer stays unreadable there.
    const url = new URL('http://gateway/graphql');
    url.searchParams.set('query', `{ jobs(ids: ["${h.sim.jobIds(h.projectId, 1)[0]}"]) { name } }`);
    h.sim.resetCalls();
    const res = await h.fetch(url, { headers: { origin, accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(h.calls()).toHaveLength(1);
  });
});

describe('CORS for any origin, when asked for', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ CORS_ORIGINS: '*' });
  });
  afterAll(() => h.close());

  it('allows every origin with CORS_ORIGINS=*', async () => {
    const res = await preflight(h, 'https://dash.example.org', 'content-type');
    expect(res.headers.get('access-control-allow-origin')).toBe('https://dash.example.org');
  });
});

describe('trusted (persisted) operations', () => {
  let h: Harness;
  const id = sha256(DASHBOARD);
  beforeAll(async () => {
    h = await startHarness({
      PERSISTED_OPERATIONS_FILE: manifest({ [id]: DASHBOARD }),
      PERSISTED_OPERATIONS_ONLY: 'true',
    });
  });
  afterAll(() => h.close());

  const send = async (body: unknown) => {
    const res = await h.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return (await res.json()) as { data?: any; errors?: any[] };
  };

  it('runs an allow-listed operation by its hash', async () => {
    const ids = h.sim.jobIds(h.projectId, 2);
    h.sim.resetCalls();
    const res = await send({ variables: { ids }, extensions: { persistedQuery: { version: 1, sha256Hash: id } } });
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs.map((j: { id: string }) => j.id)).toEqual(ids);
    expect(h.calls()).toHaveLength(2);
  });

  it('rejects arbitrary operations and unknown hashes without calling DRS', async () => {
    h.sim.resetCalls();
    const arbitrary = await send({ query: '{ job(id: "24834eb6-be30-464e-a299-f7aa730jb101") { name } }' });
    expect(arbitrary.errors?.[0]?.message).toMatch(/PersistedQueryOnly/);
    const unknown = await send({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ x }') } } });
    expect(unknown.errors?.[0]?.message).toMatch(/PersistedQueryNotFound/);
    expect(h.calls()).toHaveLength(0);
  });

  it('applies the same rules over graphql-ws, which runs the same pipeline', async () => {
    const client = createClient({ url: h.wsUrl, webSocketImpl: WebSocket, lazy: true });
    const first = (payload: {
      query: string;
      variables?: Record<string, unknown>;
      extensions?: Record<string, unknown>;
    }) =>
      new Promise<{ data?: any; errors?: any[] }>((resolve) => {
        client.subscribe(payload, {
          next: (value) => resolve(value as { data?: any; errors?: any[] }),
          error: (errors) => resolve({ errors: errors as any[] }),
          complete: () => {},
        });
      });
    try {
      const ids = h.sim.jobIds(h.projectId, 2);
      h.sim.resetCalls();
      const arbitrary = await first({ query: '{ job(id: "24834eb6-be30-464e-a299-f7aa730jb101") { name } }' });
      expect(arbitrary.errors?.[0]?.message).toMatch(/PersistedQueryOnly/);
      expect(h.calls()).toHaveLength(0);
      const trusted = await first({
        query: '',
        variables: { ids },
        extensions: { persistedQuery: { version: 1, sha256Hash: id } },
      });
      expect(trusted.errors).toBeUndefined();
      expect(trusted.data.jobs.map((j: { id: string }) => j.id)).toEqual(ids);
      expect(h.calls()).toHaveLength(2);
    } finally {
      await client.dispose();
    }
  });

  it('refuses to start with a manifest whose hash does not match its operation', async () => {
    const tampered = manifest({ [id]: `${DASHBOARD} # changed` });
    await expect(startHarness({ PERSISTED_OPERATIONS_FILE: tampered })).rejects.toThrow(ConfigError);
  });

  it('reads Apollo persisted-query manifests too', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'drs-gw-')), 'manifest.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'apollo-persisted-query-manifest',
        version: 1,
        operations: [{ id, name: 'Dashboard', type: 'query', body: DASHBOARD }],
      }),
    );
    const apollo = await startHarness({ PERSISTED_OPERATIONS_FILE: file, PERSISTED_OPERATIONS_ONLY: 'true' });
    try {
      const ids = apollo.sim.jobIds(apollo.projectId, 1);
      const res = await apollo.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ variables: { ids }, extensions: { persistedQuery: { version: 1, sha256Hash: id } } }),
      });
      expect(((await res.json()) as { data: { jobs: unknown[] } }).data.jobs).toHaveLength(1);
    } finally {
      await apollo.close();
    }
  });
});
