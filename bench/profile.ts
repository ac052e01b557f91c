/**
 * `npx tsx bench/profile.ts [dir] [jobs=25] [seconds=10]`: the gateway child under
 * `node --cpu-prof`, serving the dashboard query at 10 connections with the simulator at 0 ms,
 * then a summary of where its CPU went (bench/profile-summary.ts).
 */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { dashboardBody } from './dashboard-query.js';
import { spawnGateway } from './gateway-child.js';
import { liveJobIds } from './job-ids.js';
import { runLoad } from './load.js';
import { summarizeFile } from './profile-summary.js';
import { spawnSimulator } from './simulator-process.js';

const [given, jobs = '25', seconds = '10'] = process.argv.slice(2);
// A fresh directory by default; a given one is shared, so only this child's profile is read from it.
const dir = given || (await mkdtemp('/tmp/prof-'));
await mkdir(dir, { recursive: true });

const ids = await liveJobIds({ seed: 1, seededJobs: 2000, count: Number(jobs) });
const sim = await spawnSimulator(['--jobs', '2000', '--latency-ms', '0']);
// With one GC thread (--single-threaded-gc, as npm start runs), V8's CPU profiler makes garbage
// collection several times dearer (measured: 3.5 vs 0.47 ms of GC per query, 8.2 vs 4.0 ms in all), so
// profiles are taken with V8's default GC threads; bench/quick.ts compares the two without a profiler.
const gateway = await spawnGateway('gateway', sim, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--no-single-threaded-gc']);
process.on('exit', () => {
  gateway.kill();
  sim.kill();
});
console.error(`profile: ${gateway.command}`);
const body = dashboardBody(ids);
// Warm-up first (still inside the profile, but small next to the measured run).
await runLoad({ url: gateway.url, body, connections: 10, durationMs: 1000, maxQueries: 1e6 });
const from = await gateway.stats();
const load = await runLoad({
  url: gateway.url,
  body,
  connections: 10,
  durationMs: Number(seconds) * 1000,
  maxQueries: 1e7,
});
const to = await gateway.stats();
const queries = load.ok + load.failed;
const cpuMs = (to.cpuMicros - from.cpuMicros) / 1000;
console.log(
  `${queries} queries of ${jobs} jobs in ${(load.elapsedMs / 1000).toFixed(1)} s at 10 connections (${load.failed} failed); ` +
    `gateway process.cpuUsage: ${(cpuMs / queries).toFixed(2)} ms/query (all threads, GC helpers included).`,
);
await gateway.stop();
await sim.stop();
console.log(
  await summarizeFile(dir, 15, {
    cpuMsPerQuery: cpuMs / queries,
    pid: gateway.pid,
    window: { fromMicros: from.monotonicMicros, toMicros: to.monotonicMicros },
  }),
);
