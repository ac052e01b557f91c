import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { getOperationAST, parse } from 'graphql';
import { createClient } from 'graphql-ws';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Context } from '../../src/context.js';
import { startTeamsSubgraph, TEAMS_SDL, type TeamsSubgraph } from '../support/federation-teams.js';
import { type Harness, startHarness } from '../support/harness.js';
import { subscribeSse } from '../support/sse.js';

/**
 * One plugin, added once where the gateway is built, must see the operations of every transport:
 * plain JSON POSTs (the fast path), GETs, SSE and graphql-ws subscriptions, graphql-ws queries and a
 * federation router's `_entities` requests. It records what an operation-level plugin (metrics,
 * traces, logs, auth, limits) would see.
 */
interface Seen {
  kind: 'execute' | 'subscribe';
  operationName: string | undefined;
  requestId: string;
  query: string;
}

const seen: Seen[] = [];
const recorder: Plugin = {
  onExecute: ({ args }) => record('execute', args),
  onSubscribe: ({ args }) => record('subscribe', args),
};
function record(kind: Seen['kind'], args: { operationName?: string | null; contextValue: unknown; document: any }) {
  const query = args.document.loc?.source.body ?? '';
  seen.push({
    kind,
    operationName: getOperationAST(args.document, args.operationName)?.name?.value,
    requestId: (args.contextValue as Context).requestId,
    query,
  });
}

const PROGRESS = 'subscription Live($ids: [ID!]!) { jobProgress(ids: $ids) { jobId percent } }';

let h: Harness;
let teams: TeamsSubgraph;
beforeAll(async () => {
  h = await startHarness({ DRS_POLL_INTERVAL_MS: '200', DRS_BATCH_SIZE: '25' }, {}, { plugins: [recorder] });
});
afterAll(async () => {
  await teams?.close();
  await h?.close();
});

/** What the recorder saw during `run`, and the simulator's calls. */
async function during(run: () => Promise<void>): Promise<{ seen: Seen[]; calls: string[] }> {
  seen.length = 0;
  h.sim.resetCalls();
  await run();
  return { seen: [...seen], calls: h.calls().map((call) => call.api) };
}

describe('one pipeline: a plugin added once sees every transport', () => {
  it('a plain JSON POST, answered on the fast path', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const before = (await h.served()).fast;
    const result = await during(async () => {
      const res = await h.gqlRaw('query ViaPost($id: ID!) { job(id: $id) { id name } }', { id });
      expect(res.data.job.id).toBe(id);
    });
    expect((await h.served()).fast - before).toBe(1);
    expect(result.seen).toEqual([expect.objectContaining({ kind: 'execute', operationName: 'ViaPost' })]);
    expect(result.calls).toEqual(['batch-detail']);
  });

  it('a GET, answered by yoga', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const result = await during(async () => {
      const url = new URL('http://gateway/graphql');
      url.searchParams.set('query', `query ViaGet { job(id: "${id}") { id } }`);
      const res = await h.fetch(url, { headers: { accept: 'application/json' } });
      expect(((await res.json()) as any).data.job.id).toBe(id);
    });
    expect(result.seen).toEqual([expect.objectContaining({ kind: 'execute', operationName: 'ViaGet' })]);
    expect(result.calls).toEqual(['batch-detail']);
  });

  it('an SSE subscription', async () => {
    const ids = h.sim.jobIds(h.projectId, 2);
    const result = await during(async () => {
      const sub = subscribeSse(h, PROGRESS, { ids });
      await sub.waitFor(2);
      sub.close();
    });
    expect(result.seen).toEqual([expect.objectContaining({ kind: 'subscribe', operationName: 'Live' })]);
    expect(result.calls[0]).toBe('batch-progress');
  });

  it('a graphql-ws query and subscription, each with its own request id', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const client = createClient({ url: h.wsUrl, webSocketImpl: WebSocket, lazy: true });
    try {
      const result = await during(async () => {
        const first = <T>(query: string, variables: Record<string, unknown>) =>
          new Promise<T>((resolve, reject) => {
            const stop = client.subscribe<T>(
              { query, variables },
              {
                next: (value) => {
                  stop();
                  resolve(value.data as T);
                },
                error: reject,
                complete: () => {},
              },
            );
          });
        const answer = await first<{ job: { id: string } }>('query ViaWs($id: ID!) { job(id: $id) { id } }', { id });
        expect(answer.job.id).toBe(id);
        await first(PROGRESS, { ids: [id] });
      });
      expect(result.seen.map((s) => [s.kind, s.operationName])).toEqual([
        ['execute', 'ViaWs'],
        ['subscribe', 'Live'],
      ]);
      expect(result.seen[0]!.requestId).not.toBe(result.seen[1]!.requestId);
      expect(result.calls.slice(0, 2)).toEqual(['batch-detail', 'batch-progress']);
    } finally {
      await client.dispose();
    }
  });

  it("a federation router's _entities request (Apollo Gateway)", async () => {
    const ids = h.sim.jobIds(h.projectId, 4);
    teams = await startTeamsSubgraph([{ id: 't0', name: 'team-0', jobIds: ids }]);
    const sdl = (await h.gql('{ _service { sdl } }')).data._service.sdl as string;
    const composed = composeServices([
      { name: 'drs', typeDefs: parse(sdl), url: h.url },
      { name: 'teams', typeDefs: parse(TEAMS_SDL), url: teams.url },
    ]);
    expect(composed.errors).toBeUndefined();
    const router = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl: composed.supergraphSdl! }) as any });
    await router.start();
    try {
      const result = await during(async () => {
        const response = await router.executeOperation({ query: '{ teams { name jobs { id name } } }' });
        const body = response.body as { singleResult: { data?: any; errors?: unknown } };
        expect(body.singleResult.errors).toBeUndefined();
        expect(body.singleResult.data.teams[0].jobs.map((j: { id: string }) => j.id)).toEqual(ids);
      });
      expect(result.seen).toHaveLength(1);
      expect(result.seen[0]!.kind).toBe('execute');
      expect(result.seen[0]!.query).toContain('_entities');
      expect(result.calls).toEqual(['batch-detail']);
    } finally {
      await router.stop();
    }
  });

  it('gives every HTTP request an id: the caller’s when sane, a new one otherwise, on the answer and to DRS', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const send = (requestId?: string) =>
      h.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(requestId ? { 'x-request-id': requestId } : {}) },
        body: JSON.stringify({ query: `{ job(id: "${id}") { id } }` }),
      });
    const cases = [
      ['dash-7f3a.1', 'dash-7f3a.1'],
      ['evil\u0001id'.replace('\u0001', '%01'), undefined],
      ['x'.repeat(200), undefined],
      [undefined, undefined],
    ] as const;
    for (const [given, kept] of cases) {
      const result = await during(async () => {
        const res = await send(given);
        const echoed = res.headers.get('x-request-id')!;
        if (kept) expect(echoed).toBe(kept);
        else expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
        expect(h.sim.calls.map((call) => call.clientRequestId)).toEqual([echoed]);
        expect(seen.map((s) => s.requestId)).toEqual([echoed]);
      });
      expect(result.calls).toEqual(['batch-detail']);
    }
  });
});
