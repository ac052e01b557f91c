/**
 * Gateway overhead: for 1, 10, 25, 100 and 1,000 jobs, the dashboard query through the gateway (real
 * HTTP port, in this process) alternated with the very upstream calls it needs made directly
 * (same chunks, all three APIs at once, as the gateway's look-ahead sends them; all chunks at once,
 * and again at most DRS_MAX_CONCURRENCY at once per API, as the gateway's cap lets them go), against
 * the simulator in its own process. The difference to the capped calls is the latency the gateway adds.
 * `npx tsx bench/overhead.ts [latency ms = 0]`: at 20 ms the direct calls measure what one upstream
 * round trip really takes here (timers, wake-ups), the floor any gateway's p50 sits on.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'undici';
import { createGateway } from '../src/app.js';
import { chunks } from '../src/chunks.js';
import { loadConfig } from '../src/config.js';
import { DrsClient } from '../src/drs/client.js';
import { createDispatcher } from '../src/drs/dispatcher.js';
import { Semaphore } from '../src/drs/limits.js';
import { DASHBOARD_QUERY } from './dashboard-query.js';
import { liveJobIds } from './job-ids.js';
import { simulatorSupports, spawnSimulator } from './simulator-process.js';
import { ms, percentile } from './stats.js';

const SIZES = [1, 10, 25, 100, 1000];
const ROUNDS: Record<number, number> = { 1: 200, 10: 200, 25: 150, 100: 60, 1000: 12 };

const LATENCY_MS = Number(process.argv[2] ?? 0);
const sim = await spawnSimulator([
  '--jobs',
  '2000',
  '--latency-ms',
  String(LATENCY_MS),
  ...(simulatorSupports('--clock') ? ['--clock', 'manual'] : []),
]);
process.on('exit', () => sim.kill());
const config = loadConfig({
  DRS_ENDPOINT: sim.url,
  DRS_PROJECT_ID: sim.projectId,
  DRS_AUTH_TOKEN: sim.token,
  LOG_LEVEL: 'error',
});
let upstreamRequests = 0;
// Counts the gateway's real upstream requests (the simulator's call log lives in another process).
const dispatcher = createDispatcher(config).compose((dispatch) => (options, handler) => {
  upstreamRequests++;
  return dispatch(options, handler);
});
const gateway = createGateway({
  config,
  drs: DrsClient.fromConfig(config, sim.url, dispatcher),
  projectId: sim.projectId,
});
// Yoga's own Node adapter, not `gateway.serve()`: the README's overhead tables were measured so
// (without the fast path), and a change of what is measured would move them.
const server = createServer(gateway.yoga);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const gatewayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
const client = new Agent({ connections: 128 });

async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<unknown> {
  const res = await request(url, {
    method: 'POST',
    dispatcher: client,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return res.body.json();
}

/** Runs `tasks` with at most `cap` in flight, in order: the gateway's own per-API semaphore. */
async function capped(tasks: (() => Promise<unknown>)[], cap: number): Promise<void> {
  const slots = new Semaphore(cap);
  await Promise.all(
    tasks.map(async (task) => {
      const release = await slots.acquire();
      try {
        await task();
      } finally {
        release();
      }
    }),
  );
}

/**
 * The upstream calls the query needs, made directly: all at once (`cap` undefined), or at most `cap`
 * at once per API, as the gateway's per-API concurrency cap lets them go.
 */
async function direct(ids: string[], cap?: number): Promise<void> {
  const base = `${sim.url}/v3/${sim.projectId}/jobs`;
  const auth = { 'x-auth-token': sim.token };
  const all = { cur_page: 1, per_page: 0 };
  const sizes = config.batchSizes;
  const perApi: (() => Promise<unknown>)[][] = [
    chunks(ids, sizes.detail).map((jobs) => () => post(`${base}/batch-detail`, { jobs, page_req: all }, auth)),
    chunks(ids, sizes.progress).map((jobs) => () => post(`${base}/batch-progress`, { jobs }, auth)),
    chunks(ids, sizes.structDetail).map(
      (jobs) => () => post(`${base}/table/batch-struct-detail`, { jobs, page_req: all }, auth),
    ),
  ];
  await Promise.all(perApi.map((tasks) => capped(tasks, cap ?? tasks.length)));
}

async function viaGateway(ids: string[]): Promise<number> {
  const before = upstreamRequests;
  const result = (await post(gatewayUrl, { query: DASHBOARD_QUERY, variables: { ids } })) as { errors?: unknown[] };
  if (result.errors) throw new Error(`query failed: ${JSON.stringify(result.errors[0])}`);
  return upstreamRequests - before;
}

/** The gateway's per-API concurrency cap (DRS_MAX_CONCURRENCY), which the capped direct calls keep too. */
const CAP = config.resilience.maxConcurrencyPerApi;
const ids = await liveJobIds({ seed: 1, seededJobs: 2000, count: Math.max(...SIZES) });
const rows: string[] = [];
for (const n of SIZES) {
  const some = ids.slice(0, n);
  for (let i = 0; i < 5; i++) await Promise.all([direct(some), direct(some, CAP), viaGateway(some)]);
  const allAtOnce: number[] = [];
  const underCap: number[] = [];
  const gatewayTimes: number[] = [];
  const calls = new Set<number>();
  for (let i = 0; i < ROUNDS[n]!; i++) {
    let t = performance.now();
    await direct(some);
    allAtOnce.push(performance.now() - t);
    t = performance.now();
    await direct(some, CAP);
    underCap.push(performance.now() - t);
    t = performance.now();
    calls.add(await viaGateway(some));
    gatewayTimes.push(performance.now() - t);
  }
  const cell = (sample: number[]) => `${ms(percentile(sample, 50))} / ${ms(percentile(sample, 99))}`;
  const added = (p: number) => ms(percentile(gatewayTimes, p) - percentile(underCap, p));
  rows.push(
    `| ${n} | ${[...calls].join(', ')} | ${cell(allAtOnce)} | ${cell(underCap)} | ${cell(gatewayTimes)} | ${added(50)} / ${added(99)} |`,
  );
}

console.log(
  `\n## Gateway overhead over the simulator's own response time (batch sizes ${config.batchSizes.detail} / ${config.batchSizes.progress} / ${config.batchSizes.structDetail} for detail / progress / struct detail, ${LATENCY_MS} ms latency)\n`,
);
console.log(
  `| jobs | upstream calls / query | same calls made directly, all at once p50 / p99 ms | the same, ≤ ${CAP} at once per API p50 / p99 ms | through the gateway p50 / p99 ms | added by the gateway (over ≤ ${CAP} per API) p50 / p99 ms |`,
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);

server.close();
await client.close();
await dispatcher.close();
await sim.stop();
