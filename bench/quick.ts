/**
 * `npx tsx bench/quick.ts [jobs=25] [seconds=3] [rounds=4] [variant ...]`: quick A/B checks while
 * tuning. Each variant is `name=node flags for the gateway child` (e.g. `small=--max-semi-space-size=4`;
 * default: one variant with no flags). One gateway child per variant, all against one simulator at
 * 0 ms; rounds of 10 connections alternate between the variants so noise on this shared machine
 * lands on all of them. Prints per round and median queries/s, `process.cpuUsage()` ms/query and peak
 * RSS of each child. The figures the README quotes come from `npm run bench` (run.ts), not from this.
 */
import { dashboardBody } from './dashboard-query.js';
import { type GatewayChild, spawnGateway } from './gateway-child.js';
import { liveJobIds } from './job-ids.js';
import { runLoad } from './load.js';
import { spawnSimulator } from './simulator-process.js';
import { percentile } from './stats.js';

const [jobs = '25', seconds = '3', rounds = '4', ...given] = process.argv.slice(2);
const variants = (given.length > 0 ? given : ['gateway=']).map((spec) => {
  const [name = spec, flags = ''] = spec.split(/=(.*)/s);
  const words = flags.split(' ').filter(Boolean);
  const isEnv = (word: string) => /^[A-Z_]+=/.test(word);
  return {
    name,
    nodeFlags: words.filter((word) => !isEnv(word)),
    env: Object.fromEntries(words.filter(isEnv).map((word) => word.split(/=(.*)/s).slice(0, 2) as [string, string])),
    cpu: [] as number[],
    qps: [] as number[],
    rss: [] as number[],
    minor: [] as number[],
  };
});
const ids = await liveJobIds({ seed: 1, seededJobs: 2000, count: Number(jobs) });
const sim = await spawnSimulator(['--jobs', '2000', '--latency-ms', '0']);
const children: GatewayChild[] = [];
process.on('exit', () => {
  for (const child of children) child.kill();
  sim.kill();
});
for (const variant of variants) children.push(await spawnGateway('gateway', sim, variant.nodeFlags, variant.env));
const body = dashboardBody(ids);
const load = (child: GatewayChild, durationMs: number) =>
  runLoad({ url: child.url, body, connections: 10, durationMs, maxQueries: 1e7 });
for (const child of children) await load(child, 1000);
for (let round = 0; round < Number(rounds); round++) {
  for (const [i, variant] of variants.entries()) {
    const child = children[i]!;
    await child.resetPeak();
    const from = await child.stats();
    const result = await load(child, Number(seconds) * 1000);
    const to = await child.stats();
    const queries = result.ok + result.failed;
    variant.cpu.push((to.cpuMicros - from.cpuMicros) / 1000 / queries);
    variant.qps.push(queries / (result.elapsedMs / 1000));
    variant.rss.push(to.peakRssBytes / 2 ** 20);
    const calls = (to.upstreamCalls - from.upstreamCalls) / queries;
    const per100 = (n: number) => ((100 * n) / queries).toFixed(1);
    variant.minor.push((100 * (to.gcs.minor - from.gcs.minor)) / queries);
    console.log(
      `round ${round + 1} ${variant.name}: ${variant.qps.at(-1)!.toFixed(0)} q/s, ${variant.cpu.at(-1)!.toFixed(2)} ms CPU/query, ` +
        `${calls} upstream calls/query, peak RSS ${variant.rss.at(-1)!.toFixed(0)} MB, ` +
        `GCs per 100 queries ${per100(to.gcs.minor - from.gcs.minor)} minor / ${per100(to.gcs.major - from.gcs.major)} major ` +
        `(${((to.gcs.gcMs - from.gcs.gcMs) / queries).toFixed(2)} ms paused/query), ${result.failed} failed`,
    );
  }
}
for (const variant of variants) {
  console.log(
    `median ${variant.name}: ${percentile(variant.qps, 50).toFixed(0)} q/s, ${percentile(variant.cpu, 50).toFixed(2)} ms CPU/query, ` +
      `peak RSS ${Math.max(...variant.rss).toFixed(0)} MB (highest round), ${percentile(variant.minor, 50).toFixed(1)} scavenges per 100 queries`,
  );
}
for (const child of children) await child.stop();
await sim.stop();
