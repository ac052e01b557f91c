/**
 * `npx tsx bench/fairness.ts [seconds=6]` (`npm run bench:fairness`): does one tenant's burst push
 * another tenant's dashboard back? One gateway child, one simulator at 20 ms, DRS_MAX_CONCURRENCY 8:
 * tenant B (another project and token) sends its 25-job dashboard one query at a time, first alone,
 * then while tenant A keeps four 1,000-job dashboards in flight. Prints B's p50/p99 both ways and
 * their ratio (the target is ≤ 2×), and A's throughput, all from this one run.
 */
import { defaultProjects } from '../simulator/data/projects.js';
import { dashboardBody } from './dashboard-query.js';
import { spawnGateway } from './gateway-child.js';
import { liveJobIds } from './job-ids.js';
import { runLoad } from './load.js';
import { spawnSimulator } from './simulator-process.js';
import { ms, percentile } from './stats.js';

const seconds = Number(process.argv[2] ?? '6');
const seed = { seed: 1, seededJobs: 2000 };
const [burstIds, smallIds] = await Promise.all([
  liveJobIds({ ...seed, count: 1000 }),
  liveJobIds({ ...seed, count: 25, project: 1 }),
]);
const other = defaultProjects(1)[1]!;
const sim = await spawnSimulator(['--jobs', '2000', '--latency-ms', '20']);
// BENCH_BUILD=.ab/old runs another build (a copy of dist/), to compare with the code before a change.
const build: Record<string, string> = process.env.BENCH_BUILD ? { BENCH_BUILD: process.env.BENCH_BUILD } : {};
// The row cache and call collapsing off: B's dashboard must reach DRS each time, or it measures the cache.
const gateway = await spawnGateway('gateway', sim, [], {
  DRS_MAX_CONCURRENCY: '8',
  DRS_CACHE: 'off',
  DRS_COLLAPSE: 'false',
  ...build,
});
process.on('exit', () => {
  gateway.kill();
  sim.kill();
});
const tenantB = { 'x-auth-token': other.token, 'x-project-id': other.projectId };
const small = (durationMs: number) =>
  runLoad({
    url: gateway.url,
    body: dashboardBody(smallIds),
    connections: 1,
    durationMs,
    maxQueries: 1e6,
    headers: tenantB,
  });

await small(1000);
const alone = await small(seconds * 1000);
const burst = runLoad({
  url: gateway.url,
  body: dashboardBody(burstIds),
  connections: 4,
  durationMs: seconds * 1000 + 1000,
  maxQueries: 1e6,
});
await new Promise((resolve) => setTimeout(resolve, 500));
const loaded = await small(seconds * 1000);
const burstResult = await burst;

const row = (name: string, r: typeof alone) =>
  `| ${name} | ${r.ok} | ${r.failed} | ${ms(percentile(r.latenciesMs, 50))} | ${ms(percentile(r.latenciesMs, 99))} |`;
console.log('| tenant B, 25-job dashboard | answers | failed | p50 | p99 |');
console.log('|---|---:|---:|---:|---:|');
console.log(row('alone', alone));
console.log(row('beside A’s four 1,000-job dashboards', loaded));
const ratio = percentile(loaded.latenciesMs, 50) / percentile(alone.latenciesMs, 50);
console.log(`\nB's p50 under A's burst: ${ratio.toFixed(2)}× its unloaded p50 (target ≤ 2×)`);
console.log(
  `A: ${burstResult.ok} dashboards of 1,000 jobs answered, ${burstResult.failed} failed, p50 ${ms(percentile(burstResult.latenciesMs, 50))}`,
);
await gateway.stop();
await sim.stop();
process.exit(0);
