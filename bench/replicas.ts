/**
 * Replicas bench (issue 17): the same load of repeated dashboards on two gateway replicas with a
 * shared Redis vs two without, then one replica with the row cache on vs off for a dashboard
 * refreshed on a timer (time compressed: refresh every 500 ms, TTLs scaled by the same 1/10).
 * Prints DRS calls per minute, p50/p99 latency and gateway CPU per query; then K live-progress
 * subscribers on each of two replicas with Redis vs without: batch-progress calls per minute.
 * `npx tsx bench/replicas.ts` (needs /usr/bin/redis-server; the gateways run in this process, so
 * CPU is the process's).
 */
import type { AddressInfo } from 'node:net';
import { startSimulator } from '../simulator/http/server.js';
import { createGateway } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DrsClient } from '../src/drs/client.js';
import { createDispatcher } from '../src/drs/dispatcher.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { dashboardBody } from './dashboard-query.js';
import { type LiveFigures, subscriptionLoad } from './live-subscribers.js';
import { ms, percentile } from './stats.js';

const DASHBOARDS = 8; // users, each refreshing a 25-job dashboard of one tenant
const ROUNDS = 20;
const SUBSCRIBERS = 25; // live-progress subscribers per replica
const POLL_MS = 500; // DRS_POLL_INTERVAL_MS, the default 5 s compressed 10x
const LIVE_WINDOW_MS = 20_000;

type Sim = Awaited<ReturnType<typeof startSimulator>>;

async function replica(sim: Sim, env: Record<string, string>) {
  const project = sim.projects[0]!;
  const config = loadConfig({
    DRS_ENDPOINT: sim.url,
    DRS_PROJECT_ID: project.projectId,
    DRS_AUTH_TOKEN: project.token,
    LOG_LEVEL: 'silent',
    METRICS: 'false',
    ...env,
  });
  const dispatcher = createDispatcher(config);
  const gateway = createGateway({
    config,
    drs: DrsClient.fromConfig(config, sim.url, dispatcher),
    projectId: project.projectId,
  });
  const server = gateway.serve();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  // Its server, shared state and dispatcher.
  const close = () => gateway.close();
  if (env.REDIS_URL) while (!gateway.sharedState.health().up) await new Promise((r) => setTimeout(r, 20));
  return { url, close };
}

/** `rounds` of every user's dashboard, users spread over the replicas, `everyMs` apart. */
async function run(sim: Sim, urls: string[], ids: string[], rounds: number, everyMs: number) {
  sim.resetCalls();
  const latencies: number[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  for (let round = 0; round < rounds; round++) {
    const tick = performance.now();
    await Promise.all(
      Array.from({ length: DASHBOARDS }, async (_, user) => {
        const t = performance.now();
        const response = await fetch(urls[user % urls.length]!, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: dashboardBody(ids),
        });
        const body = (await response.json()) as { errors?: unknown };
        if (body.errors) throw new Error(`dashboard failed: ${JSON.stringify(body.errors).slice(0, 200)}`);
        latencies.push(performance.now() - t);
      }),
    );
    const wait = everyMs - (performance.now() - tick);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  const minutes = (performance.now() - started) / 60_000;
  const used = process.cpuUsage(cpu);
  return {
    calls: sim.calls.length,
    perMinute: sim.calls.length / minutes,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMsPerQuery: (used.user + used.system) / 1000 / latencies.length,
  };
}

function line(name: string, r: Awaited<ReturnType<typeof run>>): string {
  return `| ${name} | ${r.calls} | ${Math.round(r.perMinute)} | ${ms(r.p50)} | ${ms(r.p99)} | ${ms(r.cpuMsPerQuery)} |`;
}

const redis = await startRedisServer();
const sim = await startSimulator({ port: 0, releasedRate: 0, clock: 'manual', latencyMs: 20 });
const ids = sim.jobIds(sim.projects[0]!.projectId, 25);
const rows: string[] = [];
const live: [string, LiveFigures][] = [];
try {
  for (const [name, env] of [
    ['2 replicas, Redis', { REDIS_URL: redis.url }],
    ['2 replicas, no Redis', {}],
  ] as const) {
    const pair = [await replica(sim, env), await replica(sim, env)];
    rows.push(
      line(
        name,
        await run(
          sim,
          pair.map((r) => r.url),
          ids,
          ROUNDS,
          0,
        ),
      ),
    );
    for (const r of pair) await r.close();
  }
  // A dashboard refreshed every 5 s, compressed 10x: every 500 ms with TTLs of a tenth.
  const scaled = { DRS_CACHE_TTL_PROGRESS_MS: '300', DRS_CACHE_TTL_DETAIL_MS: '3000', DRS_CACHE_TTL_STRUCT_MS: '6000' };
  for (const [name, env] of [
    ['1 replica, cache on, refresh 500 ms', scaled],
    ['1 replica, cache off, refresh 500 ms', { DRS_CACHE: 'off' }],
  ] as const) {
    const one = await replica(sim, env);
    rows.push(line(name, await run(sim, [one.url], ids, ROUNDS, 500)));
    await one.close();
  }
  for (const [name, env] of [
    ['2 replicas, Redis', { REDIS_URL: redis.url }],
    ['2 replicas, no Redis', {}],
  ] as const) {
    const liveEnv = { ...env, REDIS_KEY_PREFIX: 'live:', DRS_POLL_INTERVAL_MS: String(POLL_MS), DRS_BATCH_SIZE: '25' };
    const pair = [await replica(sim, liveEnv), await replica(sim, liveEnv)];
    live.push([
      name,
      await subscriptionLoad(
        sim,
        pair.map((r) => r.url),
        ids,
        SUBSCRIBERS,
        LIVE_WINDOW_MS,
      ),
    ]);
    for (const r of pair) await r.close();
  }
} finally {
  await sim.close();
  await redis.stop();
}
console.log(`${DASHBOARDS} users x ${ROUNDS} rounds of a 25-job dashboard (simulator latency 20 ms)\n`);
console.log('| setup | DRS calls | DRS calls/min | p50 ms | p99 ms | CPU ms/query |');
console.log('|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
console.log(
  `\n${SUBSCRIBERS} live-progress subscribers per replica (10 of the 25 jobs each), poll interval ${POLL_MS} ms, ${LIVE_WINDOW_MS / 1000} s window\n`,
);
console.log('| setup | batch-progress calls | calls/min | calls/min at the 5 s default | events per subscriber |');
console.log('|---|---|---|---|---|');
for (const [name, f] of live) {
  const scaled = Math.round((f.pollsPerMinute * POLL_MS) / 5_000);
  console.log(`| ${name} | ${f.polls} | ${Math.round(f.pollsPerMinute)} | ${scaled} | ${f.eventsMin}–${f.eventsMax} |`);
}
