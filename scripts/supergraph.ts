/**
 * Composes this gateway's subgraph with the example teams subgraph into a supergraph file that a
 * router (Apollo Router, Apollo Gateway, Hive Gateway) can load. Subgraph URLs come from the env.
 *   DRS_SUBGRAPH_URL (default http://localhost:4000/graphql), TEAMS_SUBGRAPH_URL, SUPERGRAPH_OUT
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { schema } from '../src/schema/index.js';

const drsSdl = printSubgraphSchema(schema);
const teamsSdl = readFileSync(new URL('../examples/teams.subgraph.graphql', import.meta.url), 'utf8');
const result = composeServices([
  { name: 'drs', typeDefs: parse(drsSdl), url: process.env.DRS_SUBGRAPH_URL ?? 'http://localhost:4000/graphql' },
  { name: 'teams', typeDefs: parse(teamsSdl), url: process.env.TEAMS_SUBGRAPH_URL ?? 'http://localhost:4001/graphql' },
]);
if (result.errors) {
  console.error(result.errors.map((error) => error.message).join('\n'));
  process.exit(1);
}
const out = process.env.SUPERGRAPH_OUT ?? 'supergraph.graphql';
writeFileSync(out, result.supergraphSdl);
writeFileSync('subgraph.graphql', drsSdl);
console.log(`wrote ${out} (drs + teams) and subgraph.graphql (this gateway's subgraph SDL)`);
