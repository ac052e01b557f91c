/**
 * The gateway beside a hand-written aggregator (bench/hand-written.ts: the same upstream calls
 * through the same loaders and client, the same conversions, the same answer bytes, no GraphQL) and
 * the naive baseline, each in its own process, measured in alternating slices as run.ts measures.
 * What the hand-written server reaches is what any server that makes these calls can reach on this
 * machine; the gap between it and the gateway is what the GraphQL layer costs.
 * `npx tsx bench/reference.ts` (run.ts runs it after its own points).
 */
import { type Impl, spawnGateway } from './gateway-child.js';
import { liveJobIds } from './job-ids.js';
import { type PointResult, pointSettings } from './measure-point.js';
import { measureServers } from './measure-servers.js';
import { compareAnswers } from './same-data.js';
import type { SimulatorProcess } from './simulator-process.js';
import { ms } from './stats.js';

const SIZES = [25, 100];
const settings = pointSettings();
const ids = await liveJobIds({ seed: 1, seededJobs: 2000, count: Math.max(...SIZES) });

/** The given servers against a simulator at `latency`, the first two checked to answer the same data. */
const measure = (latency: number, impls: Impl[]) =>
  measureServers({
    latency,
    sizes: SIZES,
    ids,
    settings,
    servers: impls.map((impl) => (sim: SimulatorProcess) => spawnGateway(impl, sim)),
    check: ([a, b]) => compareAnswers(a!.url, b!.url, ids.slice(0, 25)),
  });

const cpu = await measure(0, ['gateway', 'hand-written', 'naive']);
const latency = await measure(20, ['gateway', 'hand-written']);

const trio = (values: (number | undefined)[], digits = (v: number) => ms(v)) =>
  values.map((v) => (v === undefined ? 'n/a' : digits(v))).join(' / ');
const rows = SIZES.map((jobs, i) => {
  const [g, h, n] = cpu.points[i]!;
  const [g20, h20] = latency.points[i]!;
  const qps = (p: PointResult | undefined) => p?.loaded?.qps;
  const cpuMs = (p: PointResult | undefined) => p?.loaded?.cpuMsPerQuery;
  const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? 'n/a' : `**${(a / b).toFixed(1)}×**`;
  return [
    String(jobs),
    trio([g?.upstreamCallsPerQuery, h?.upstreamCallsPerQuery, n?.upstreamCallsPerQuery], String),
    trio([qps(g), qps(h), qps(n)], (v) => v.toFixed(0)),
    trio([cpuMs(g), cpuMs(h), cpuMs(n)]),
    ratio(qps(h), qps(n)),
    ratio(qps(g), qps(n)),
    ratio(cpuMs(g), cpuMs(h)),
    trio([g20?.unloaded.p50, h20?.unloaded.p50]),
    trio([g?.peakRssMb, h?.peakRssMb], (v) => v.toFixed(0)),
  ];
});
const header = [
  'jobs',
  'upstream calls / query (gateway / hand-written / naive)',
  'queries/s @10 conn, 0 ms',
  'CPU ms/query @10 conn, 0 ms',
  'hand-written ÷ naive queries/s',
  'gateway ÷ naive queries/s',
  'gateway ÷ hand-written CPU',
  'p50 unloaded @20 ms (gateway / hand-written)',
  'peak RSS MB, 0 ms (gateway / hand-written)',
];
console.log(
  [
    '**Beside a hand-written aggregator** (`bench/reference.ts`): `bench/hand-written.ts` answers the',
    'dashboard query with no GraphQL at all: the same upstream calls through the same loaders and DRS',
    'client, the same wire conversions, object literals and `JSON.stringify`. Its answer, checked in',
    `this run: ${cpu.check} (0 ms), ${latency.check} (20 ms). What it reaches is what any server`,
    'making these calls reaches on this machine; the gap to the gateway is the GraphQL layer.',
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---:').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ].join('\n'),
);
process.exit(0);
