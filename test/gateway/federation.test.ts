import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTeamsSubgraph, TEAMS_SDL, type TeamsSubgraph } from '../support/federation-teams.js';
import { type Harness, type Listening, startHarness } from '../support/harness.js';

const TEAM_QUERY = /* GraphQL */ `
  query Teams {
    teams {
      name
      jobs { id name status progress { percent transferStatus } structDetail(type: TABLE) { total } }
    }
  }
`;

let h: Harness;
let drsServer: Listening | undefined;
let drsUrl: string;
let teams: TeamsSubgraph;
let supergraphSdl: string;
let teamJobIds: string[][];

beforeAll(async () => {
  h = await startHarness({ DRS_BATCH_SIZE: '25' });
  // The subgraph as src/main.ts serves it: routers' plain JSON POSTs take the fast path.
  drsServer = await h.listen();
  drsUrl = drsServer.url;
  const ids = h.sim.jobIds(h.projectId, 30);
  // 25 distinct jobs across three teams, with overlaps: one router query must fetch each once.
  teamJobIds = [ids.slice(0, 10), ids.slice(8, 20), ids.slice(15, 25)];
  teams = await startTeamsSubgraph(teamJobIds.map((jobIds, i) => ({ id: `t${i}`, name: `team-${i}`, jobIds })));
  const sdl = (await h.gql('{ _service { sdl } }')).data._service.sdl as string;
  const composed = composeServices([
    { name: 'drs', typeDefs: parse(sdl), url: drsUrl },
    { name: 'teams', typeDefs: parse(TEAMS_SDL), url: teams.url },
  ]);
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('\n'));
  supergraphSdl = composed.supergraphSdl;
});

afterAll(async () => {
  await teams?.close();
  await drsServer?.close();
  await h?.close();
});

/** The router's subgraph requests were answered by the fast path, none by yoga. */
async function expectFastPath(before: Served) {
  const after = await h.served();
  expect({ fast: after.fast - before.fast, yoga: after.yoga - before.yoga }).toEqual({ fast: 1, yoga: 0 });
}

type Served = Awaited<ReturnType<Harness['served']>>;

function expectTeamAnswer(data: any) {
  expect(data.teams.map((t: { name: string }) => t.name)).toEqual(['team-0', 'team-1', 'team-2']);
  for (const [i, team] of data.teams.entries()) {
    expect(team.jobs.map((j: { id: string }) => j.id)).toEqual(teamJobIds[i]);
    for (const job of team.jobs) {
      expect(job.name).toMatch(/^DRS-/);
      expect(job.progress.percent).toBeTypeOf('number');
      expect(job.structDetail.total).toBeTypeOf('number');
    }
  }
}

/** The router sends one `_entities` request for the 25 distinct jobs; it costs one call per API. */
function expectOneCallPerApi() {
  const calls = h.calls();
  expect(calls.map((c) => c.api).sort()).toEqual(['batch-detail', 'batch-progress', 'batch-struct-detail']);
  for (const call of calls) expect(new Set(call.jobs).size).toBe(25);
}

describe('federation subgraph', () => {
  it('publishes Job as an entity keyed by id', async () => {
    const sdl = (await h.gql('{ _service { sdl } }')).data._service.sdl as string;
    expect(sdl).toMatch(/type Job\s+@key\(fields: "id"/);
  });

  it('resolves N _entities representations with one batch call per API', async () => {
    const ids = h.sim.jobIds(h.projectId, 25);
    const res = await h.gql(
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Job { id name progress { percent } } } }`,
      { r: ids.map((id) => ({ __typename: 'Job', id })) },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data._entities.map((j: { id: string }) => j.id)).toEqual(ids);
    expect(
      h
        .calls()
        .map((c) => c.api)
        .sort(),
    ).toEqual(['batch-detail', 'batch-progress']);
  });

  it('composes with a teams subgraph and answers through Apollo Gateway', async () => {
    const server = new ApolloServer({ gateway: new ApolloGateway({ supergraphSdl }) as any });
    await server.start();
    try {
      h.sim.resetCalls();
      const served = await h.served();
      const response = await server.executeOperation({ query: TEAM_QUERY });
      const body = response.body as { kind: string; singleResult: { data?: any; errors?: unknown } };
      expect(body.singleResult.errors).toBeUndefined();
      expectTeamAnswer(body.singleResult.data);
      expectOneCallPerApi();
      await expectFastPath(served);
    } finally {
      await server.stop();
    }
  });

  it('answers the same query through Hive Gateway', async () => {
    const gateway = createGatewayRuntime({ supergraph: supergraphSdl, logging: false });
    try {
      h.sim.resetCalls();
      const served = await h.served();
      const response = await gateway.fetch('http://router/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: TEAM_QUERY }),
      });
      const body = (await response.json()) as { data?: any; errors?: unknown };
      expect(JSON.stringify(body.errors)).toBeUndefined();
      expectTeamAnswer(body.data);
      expectOneCallPerApi();
      await expectFastPath(served);
    } finally {
      await gateway.dispose();
    }
  });
});
