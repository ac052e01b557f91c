/**
 * `npx tsx bench/quick.ts [jobs=25] [seconds=4] [rounds=3]`: the gateway alone at 10 connections
 * against the simulator at 0 ms, for quick before/after checks while tuning. Prints, per round,
 * queries/s, `process.cpuUsage()` ms/query and peak RSS of the gateway child, then the medians.
 * The figures the README quotes come from `npm run bench` (run.ts), not from this.
 */
import { dashboardBody } from './dashboard-query.js';
import { spawnGateway } from './gateway-child.js';
import { liveJobIds } from './job-ids.js';
import { runLoad } from './load.js';
import { spawnSimulator } from './simulator-process.js';
import { percentile } from './stats.js';

const [jobs = '25', seconds = '4', rounds = '3'] = process.argv.slice(2);
const ids = await liveJobIds({ seed: 1, seededJobs: 2000, count: Number(jobs) });
const sim = await spawnSimulator(['--jobs', '2000', '--latency-ms', '0']);
const gateway = await spawnGateway('gateway', sim);
process.on('exit', () => {
  gateway.kill();
  sim.kill();
});
const body = dashboardBody(ids);
const load = (durationMs: number) => runLoad({ url: gateway.url, body, connections: 10, durationMs, maxQueries: 1e7 });
await load(1000);
const cpu: number[] = [];
const qps: number[] = [];
const rss: number[] = [];
for (let round = 0; round < Number(rounds); round++) {
  await gateway.resetPeak();
  const from = await gateway.stats();
  const result = await load(Number(seconds) * 1000);
  const to = await gateway.stats();
  const queries = result.ok + result.failed;
  const calls = (to.upstreamCalls - from.upstreamCalls) / queries;
  cpu.push((to.cpuMicros - from.cpuMicros) / 1000 / queries);
  qps.push(queries / (result.elapsedMs / 1000));
  rss.push(to.peakRssBytes / 2 ** 20);
  console.log(
    `round ${round + 1}: ${qps.at(-1)!.toFixed(0)} q/s, ${cpu.at(-1)!.toFixed(2)} ms CPU/query, ` +
      `${calls} upstream calls/query, peak RSS ${rss.at(-1)!.toFixed(0)} MB, ${result.failed} failed`,
  );
}
console.log(
  `median: ${percentile(qps, 50).toFixed(0)} q/s, ${percentile(cpu, 50).toFixed(2)} ms CPU/query, peak RSS ${percentile(rss, 50).toFixed(0)} MB`,
);
await gateway.stop();
await sim.stop();
