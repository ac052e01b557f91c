import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Harness, type Listening, startHarness } from '../support/harness.js';
import { subscribeSse } from '../support/sse.js';

const INTERVAL = 200;
const SUBSCRIPTION = `subscription($ids: [ID!]!) { jobProgress(ids: $ids) { jobId percent transferStatus } }`;

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ DRS_POLL_INTERVAL_MS: String(INTERVAL), DRS_BATCH_SIZE: '25' });
});
afterAll(() => h.close());

describe('jobProgress subscription over SSE', () => {
  it('serves 100 subscribers on overlapping jobs with one batch-progress call per interval, then stops', async () => {
    const ids = h.sim.jobIds(h.projectId, 20);
    h.sim.resetCalls();
    const subs = Array.from({ length: 100 }, (_, i) => {
      const mine = ids.slice(i % 15, (i % 15) + 6);
      return { mine, sub: subscribeSse(h, SUBSCRIPTION, { ids: mine }) };
    });
    // Each subscriber first receives the current progress of each of its jobs.
    await Promise.all(subs.map(({ mine, sub }) => sub.waitFor(mine.length)));
    for (const { mine, sub } of subs) {
      expect(sub.events.map((e) => e.data.jobProgress.jobId).sort()).toEqual([...mine].sort());
    }
    // They arrived over HTTP one after another, so the first polls saw fewer of them: count from here.
    h.sim.resetCalls();
    const started = Date.now();
    await sleep(INTERVAL * 5);
    const elapsed = Date.now() - started;
    const calls = h.calls('batch-progress');
    // One call per tick for the union of the 20 watched ids, not one per subscriber.
    expect(calls.length).toBeGreaterThanOrEqual(3);
    expect(calls.length).toBeLessThanOrEqual(Math.ceil(elapsed / INTERVAL) + 2);
    for (const call of calls) expect([...call.jobs].sort()).toEqual([...ids].sort());
    // Progress did not change, so nothing more was pushed.
    for (const { mine, sub } of subs) expect(sub.events).toHaveLength(mine.length);

    for (const { sub } of subs) sub.close();
    await sleep(INTERVAL * 2);
    const after = h.calls('batch-progress').length;
    await sleep(INTERVAL * 4);
    expect(h.calls('batch-progress').length).toBe(after);
  });

  it('polls with each subscriber’s own credentials, in separate groups', async () => {
    const [own, other] = h.sim.projects as [(typeof h.sim.projects)[0], (typeof h.sim.projects)[0]];
    h.sim.resetCalls();
    const mine = subscribeSse(h, SUBSCRIPTION, { ids: h.sim.jobIds(own.projectId, 2) });
    const theirs = subscribeSse(
      h,
      SUBSCRIPTION,
      { ids: h.sim.jobIds(other.projectId, 3) },
      { 'x-auth-token': other.token, 'x-project-id': other.projectId },
    );
    await Promise.all([mine.waitFor(2), theirs.waitFor(3)]);
    mine.close();
    theirs.close();
    const byProject = new Map<string, number>();
    for (const call of h.calls('batch-progress')) {
      expect(call.status).toBe(202);
      byProject.set(call.projectId, (byProject.get(call.projectId) ?? 0) + 1);
    }
    expect([...byProject.keys()].sort()).toEqual([own.projectId, other.projectId].sort());
    for (const event of theirs.events) expect(h.sim.jobIds(other.projectId, 3)).toContain(event.data.jobProgress.jobId);
  });

  it('reports a failing poll as a coded error event, then recovers with the progress', async () => {
    const ids = h.sim.jobIds(h.projectId, 2, 40);
    h.sim.faults.set('batch-progress', '500,500');
    try {
      const sub = subscribeSse(h, SUBSCRIPTION, { ids });
      // Two failing polls (one error event per job: repeated failures are not re-sent), then the values.
      await sub.waitFor(4, 5_000);
      sub.close();
      const [first, second, ...rest] = sub.events;
      for (const event of [first, second]) {
        expect(event?.data?.jobProgress ?? null).toBeNull();
        expect(event?.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', drsCode: 'DRS.M00004' });
      }
      expect(rest.map((e) => e.data.jobProgress.jobId).sort()).toEqual([...ids].sort());
    } finally {
      h.sim.faults.clear();
    }
  });

  it('pushes a change when a job moves on (simulator clock), and nothing for jobs that stay still', async () => {
    const ids = h.sim.jobIds(h.projectId, 60, 100);
    const before = new Map(ids.map((id) => [id, JSON.stringify(h.sim.jobProgress(h.projectId, id))]));
    const sub = subscribeSse(h, SUBSCRIPTION, { ids });
    await sub.waitFor(ids.length);
    h.sim.clock.advance(15 * 60_000);
    const moved = ids.filter((id) => JSON.stringify(h.sim.jobProgress(h.projectId, id)) !== before.get(id));
    expect(moved.length).toBeGreaterThan(0);
    await sub.waitFor(ids.length + moved.length);
    await sleep(INTERVAL * 2);
    sub.close();
    const later = sub.events.slice(ids.length).map((e) => e.data.jobProgress.jobId);
    expect(later.sort()).toEqual(moved.sort());
  });

  it('rejects malformed ids before polling anything', async () => {
    h.sim.resetCalls();
    const sub = subscribeSse(h, SUBSCRIPTION, { ids: ['nope'] });
    await sub.waitFor(1);
    sub.close();
    expect(sub.events[0]?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.calls()).toHaveLength(0);
  });
});

describe('refused subscriptions', () => {
  it('start no poll: 100 subscriptions answered 406 or refused leave 0 batch-progress calls behind', async () => {
    // Jobs no other test watches, so a poll another test left winding down cannot be mistaken for one.
    const ids = h.sim.jobIds(h.projectId, 3, 80);
    const body = JSON.stringify({ query: SUBSCRIPTION, variables: { ids } });
    const form = new URLSearchParams({ query: SUBSCRIPTION, variables: JSON.stringify({ ids }) }).toString();
    const get = new URL('http://gateway/graphql');
    get.searchParams.set('query', SUBSCRIPTION);
    get.searchParams.set('variables', JSON.stringify({ ids }));
    const refusals = [
      // A JSON POST that asks for JSON (the fast path), or for HTML (yoga): no event stream.
      () =>
        h.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body,
        }),
      () =>
        h.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'text/html' },
          body,
        }),
      // A CORS-safelisted form POST and a GET asking for JSON.
      () =>
        h.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: form,
        }),
      () => h.fetch(get, { headers: { accept: 'application/json' } }),
    ];
    h.sim.resetCalls();
    const statuses = await Promise.all(
      Array.from({ length: 100 }, async (_, i) => {
        const res = await refusals[i % refusals.length]!();
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(statuses.every((status) => status >= 400 && status < 500)).toBe(true);
    await sleep(INTERVAL * 3);
    expect(h.calls('batch-progress').filter((call) => call.jobs.some((id) => ids.includes(id)))).toHaveLength(0);
  });
});

describe('jobProgress subscription over graphql-ws', () => {
  let server: Listening;
  let port: number;
  beforeAll(async () => {
    server = await h.listen();
    port = Number(new URL(server.url).port);
  });
  afterAll(async () => {
    await server.close();
  });

  // Runs first: ws and graphql-ws load on the first upgrade, so both of these arrive while they load.
  it('serves clients that connect at once, before the WebSocket server has started', async () => {
    h.sim.resetCalls();
    const url = `ws://127.0.0.1:${port}/graphql`;
    const clients = [0, 1].map(() => createClient({ url, webSocketImpl: WebSocket, lazy: true }));
    try {
      const answers = await Promise.all(
        clients.map(
          (client) =>
            new Promise<unknown>((resolve, reject) => {
              client.subscribe({ query: '{ __typename }' }, { next: resolve, error: reject, complete: () => {} });
            }),
        ),
      );
      expect(answers).toEqual([{ data: { __typename: 'Query' } }, { data: { __typename: 'Query' } }]);
      expect(h.calls()).toHaveLength(0);
    } finally {
      await Promise.all(clients.map((client) => client.dispose()));
    }
  });

  it('answers an upgrade to any other path with 400', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/elsewhere`);
    const status = await new Promise<number | undefined>((resolve) => {
      socket.on('unexpected-response', (_req, res) => resolve(res.statusCode));
      socket.on('open', () => resolve(undefined));
      socket.on('error', () => {});
    });
    socket.terminate();
    expect(status).toBe(400);
  });

  it("refuses an upgrade from another origin's page (CORS_ORIGINS unset), accepts its own and non-browsers", async () => {
    const statusOf = (headers: Record<string, string>) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws', { headers });
        socket.on('unexpected-response', (_req, res) => {
          resolve(res.statusCode ?? 0);
          socket.terminate();
        });
        socket.on('open', () => {
          resolve(101);
          socket.terminate();
        });
        socket.on('error', () => {});
      });
    expect(await statusOf({ origin: 'https://evil.example.net' })).toBe(403);
    expect(await statusOf({ origin: 'null' })).toBe(403);
    expect(await statusOf({ origin: `http://127.0.0.1:${port}` })).toBe(101);
    expect(await statusOf({})).toBe(101);
  });

  it('closes a socket whose message is over MAX_REQUEST_BYTES (1009) without reading it', async () => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/graphql`, 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(2_000_000) } }));
    expect(await closed).toBe(1009);
  });

  it('pushes the current progress of each watched job, with credentials from connection params', async () => {
    h.sim.resetCalls();
    const other = h.sim.projects[1]!;
    const ids = h.sim.jobIds(other.projectId, 3);
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { 'X-Auth-Token': other.token, 'X-Project-Id': other.projectId },
      lazy: true,
    });
    const received: string[] = [];
    try {
      await new Promise<void>((resolve, reject) => {
        const stop = client.subscribe<{ jobProgress: { jobId: string } }>(
          { query: SUBSCRIPTION, variables: { ids } },
          {
            next: (result) => {
              if (result.errors) return reject(new Error(JSON.stringify(result.errors)));
              received.push(result.data!.jobProgress.jobId);
              if (received.length === ids.length) {
                stop();
                resolve();
              }
            },
            error: reject,
            complete: () => {},
          },
        );
      });
    } finally {
      await client.dispose();
    }
    expect(received.sort()).toEqual([...ids].sort());
    // The socket is gone: the shared poll for that credential stops.
    await sleep(INTERVAL * 2);
    const after = h.calls('batch-progress').length;
    await sleep(INTERVAL * 3);
    expect(h.calls('batch-progress').length).toBe(after);
  });
});
