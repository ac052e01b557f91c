import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

/** A second subgraph of the platform graph: teams that own DRS jobs (referenced by id only). */
export const TEAMS_SDL = readFileSync(new URL('../../examples/teams.subgraph.graphql', import.meta.url), 'utf8');

export interface TeamsSubgraph {
  url: string;
  close(): Promise<void>;
}

/** Serves the teams subgraph over HTTP on a free port; each team owns the given job ids. */
export async function startTeamsSubgraph(
  teams: { id: string; name: string; jobIds: string[] }[],
): Promise<TeamsSubgraph> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(TEAMS_SDL),
    resolvers: {
      Query: { teams: () => teams },
      Team: { jobs: (team: { jobIds: string[] }) => team.jobIds.map((id) => ({ __typename: 'Job', id })) },
    },
  });
  const server: Server = createServer(createYoga({ schema, graphqlEndpoint: '/graphql', logging: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
