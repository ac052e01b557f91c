/**
 * Gateway overhead bench: for 1, 10, 100 and 1,000 jobs, the dashboard query through the gateway
 * (real HTTP port) against the same upstream calls made directly, alternated in one run.
 * Prints upstream calls per query and latency p50/p99 of both, and the gateway's added latency.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DrsClient } from '../src/drs/client.js';
import { createDispatcher } from '../src/drs/dispatcher.js';
import { spawnSimulator } from './simulator-process.js';
import { ms, percentile } from './stats.js';

const SIZES = (process.env.BENCH_SIZES ?? '1,10,100,1000').split(',').map(Number);
const ROUNDS: Record<number, number> = { 1: 300, 10: 300, 100: 100, 1000: 20 };
const QUERY = `query Dashboard($ids: [ID!]!) { jobs(ids: $ids) { id name status createdAt
  sourceEndpoint { dbType ip port } targetEndpoint { dbType instanceName }
  progress { percent transferStatus incrementalDelaySeconds phases { phase completedPercent } }
  structDetail(type: TABLE) { total objects { sourceObject progress } } } }`;

const sim = await spawnSimulator(['--jobs', '1000']);
process.on('exit', () => sim.kill());
const config = loadConfig({
  DRS_ENDPOINT: sim.url,
  DRS_PROJECT_ID: sim.projectId,
  DRS_AUTH_TOKEN: sim.token,
  PORT: '0',
  LOG_LEVEL: 'error',
});
// Counts the gateway's real upstream requests (the simulator runs in another process).
let upstreamRequests = 0;
const dispatcher = createDispatcher(config).compose((dispatch) => (options, handler) => {
  upstreamRequests++;
  return dispatch(options, handler);
});
const yoga = createApp({
  config,
  drs: DrsClient.fromConfig(config, sim.url, dispatcher),
  projectId: sim.projectId,
});
const server = createServer(yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
const client = new Agent({ connections: 64 });

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await request(url, {
    method: 'POST',
    dispatcher: client,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return res.body.json();
}

function chunks(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += config.batchSize) out.push(ids.slice(i, i + config.batchSize));
  return out;
}

/** The upstream calls the gateway needs, made directly: details first, then progress and struct detail. */
async function direct(ids: string[]): Promise<void> {
  const api = (path: string, jobs: string[], paged = true) =>
    post(
      `${sim.url}/v3/${sim.projectId}/jobs/${path}`,
      paged ? { jobs, page_req: { cur_page: 1, per_page: 0 } } : { jobs },
      { 'x-auth-token': sim.token },
    );
  const parts = chunks(ids);
  await Promise.all(parts.map((c) => api('batch-detail', c)));
  await Promise.all([
    ...parts.map((c) => api('batch-progress', c, false)),
    ...parts.map((c) => api('table/batch-struct-detail', c)),
  ]);
}

/** Runs the query; returns the upstream requests it made. Released jobs (NOT_FOUND) are normal data. */
async function viaGateway(ids: string[]): Promise<number> {
  const before = upstreamRequests;
  const result = (await post(gatewayUrl, { query: QUERY, variables: { ids } })) as {
    errors?: { extensions?: { code?: string } }[];
  };
  const unexpected = result.errors?.find((e) => e.extensions?.code !== 'NOT_FOUND');
  if (unexpected) throw new Error(`query failed: ${JSON.stringify(unexpected)}`);
  return upstreamRequests - before;
}

const rows: string[] = [];
const { startSimulator } = await import('../simulator/server.js');
// Same seed as the child process: the same ids, computed without asking it.
const seeded = await startSimulator({ port: 0, jobs: 1000 });
for (const n of SIZES) {
  console.error(`bench: ${n} jobs…`);
  const ids = seeded.jobIds(sim.projectId, n);
  for (let i = 0; i < 10; i++) {
    await direct(ids);
    await viaGateway(ids);
  }
  const directTimes: number[] = [];
  const gatewayTimes: number[] = [];
  const upstreamCalls = new Set<number>();
  for (let i = 0; i < ROUNDS[n]!; i++) {
    let t = performance.now();
    await direct(ids);
    directTimes.push(performance.now() - t);
    t = performance.now();
    upstreamCalls.add(await viaGateway(ids));
    gatewayTimes.push(performance.now() - t);
  }
  const added = (p: number) => percentile(gatewayTimes, p) - percentile(directTimes, p);
  rows.push(
    `| ${n} | ${[...upstreamCalls].join(', ')} | ${ms(percentile(directTimes, 50))} / ${ms(percentile(directTimes, 99))} | ${ms(percentile(gatewayTimes, 50))} / ${ms(percentile(gatewayTimes, 99))} | ${ms(added(50))} / ${ms(added(99))} |`,
  );
}

await seeded.close();
console.log(
  `\nDashboard query (detail + endpoints + progress + structDetail(TABLE)), DRS_BATCH_SIZE=${config.batchSize}, simulator at 0 ms latency in its own process`,
);
console.log(`node ${process.version}, ${new Date().toISOString()}\n`);
console.log(
  '| jobs | upstream calls / query | direct upstream p50 / p99 (ms) | through gateway p50 / p99 (ms) | gateway added p50 / p99 (ms) |',
);
console.log('|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);

server.close();
await client.close();
await dispatcher.close();
await sim.stop();
