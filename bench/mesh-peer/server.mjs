// The bench's GraphQL Mesh peer, as the issue describes it: a supergraph composed by Mesh
// (@graphql-mesh/compose-cli + @omnigraph/openapi) from the simulator's OpenAPI description, with
// `jobs(ids)` and each job's `progress` and `structDetail` declared by @resolveTo (the two per-job
// fields batched over their keys: one call each per query), served by Hive Gateway's runtime.
// Plain JavaScript with its own node_modules (its own graphql), so no loader or second graphql runs
// in this process. Child of bench/mesh-child.ts: prints `listening on URL` and answers the bench's
// IPC requests as bench/gateway-process.ts does (bench/child-stats.ts).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { Logger } from '@graphql-hive/logger';
import { getComposedSchemaFromConfig } from '@graphql-mesh/compose-cli';
import { loadOpenAPISubgraph } from '@omnigraph/openapi';
import { OperationTypeNode } from 'graphql';
// Built by the bench (buildDist) before any child starts; only node built-ins inside.
import { answerBenchRequests } from '../../dist/bench/child-stats.js';
import { MESH_OPERATIONS, meshOpenApi } from './openapi.mjs';

const { values } = parseArgs({
  options: { upstream: { type: 'string' }, project: { type: 'string' }, token: { type: 'string' } },
});
const { upstream, project, token } = values;
if (!upstream || !project || !token) throw new Error('usage: server.mjs --upstream URL --project HEX32 --token TOKEN');

const described = await (await fetch(`${upstream}/openapi.json`)).json();
const dir = mkdtempSync(join(tmpdir(), 'mesh-peer-'));
writeFileSync(join(dir, 'openapi.json'), JSON.stringify(meshOpenApi(described)));

const batched = (field, extraArgs) => `@resolveTo(sourceName: "DRS", sourceTypeName: "Query",
  sourceFieldName: "${field}", keyField: "id", keysArg: "input.jobs", valueKeyField: "job_id",
  additionalArgs: ${extraArgs}, result: "results")`;
const additionalTypeDefs = /* GraphQL */ `
  extend type Query {
    jobs(ids: [String!]!): [QueryJobResp] @resolveTo(sourceName: "DRS", sourceTypeName: "Query",
      sourceFieldName: "batchDetail", result: "results",
      sourceArgs: { project_id: "${project}", input: { jobs: "{args.ids}", page_req: { cur_page: 1, per_page: 0 } } })
  }
  extend type QueryJobResp {
    progress: QueryProgressResp ${batched('batchProgress', `{ project_id: "${project}" }`)}
    structDetail: QueryStructDetailResp ${batched('batchStructDetail', `{ project_id: "${project}", type: "table" }`)}
  }`;

const supergraph = await getComposedSchemaFromConfig(
  {
    cwd: dir,
    subgraphs: [
      {
        sourceHandler: loadOpenAPISubgraph('DRS', {
          source: './openapi.json',
          endpoint: upstream,
          operationHeaders: { 'X-Auth-Token': token },
          // The batch APIs are POSTs, which Mesh would make mutations; they only read.
          selectQueryOrMutationField: MESH_OPERATIONS.map((fieldName) => ({
            type: OperationTypeNode.QUERY,
            fieldName,
          })),
        }),
      },
    ],
    additionalTypeDefs,
  },
  new Logger({ level: 'warn' }),
);
// Composition read the description; the supergraph is all that is served.
rmSync(dir, { recursive: true });

let upstreamCalls = 0;
const gateway = createGatewayRuntime({
  supergraph,
  logging: 'warn',
  graphiql: false,
  landingPage: false,
  plugins: () => [
    {
      onFetch() {
        upstreamCalls++;
      },
    },
  ],
});
const server = createServer(gateway);
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

answerBenchRequests(
  () => upstreamCalls,
  () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  },
);

console.log(`listening on http://127.0.0.1:${server.address().port}/graphql`);
