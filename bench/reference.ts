/**
 * The gateway beside a hand-written aggregator (bench/hand-written.ts: the same upstream calls
 * through the same loaders and client, the same conversions, the same answer bytes, no GraphQL) and
 * the naive baseline, each in its own process, measured in alternating slices as run.ts measures.
 * What the hand-written server reaches is what any server that makes these calls can reach on this
 * machine; the gap between it and the gateway is what the GraphQL layer costs.
 * `npx tsx bench/reference.ts` (run.ts runs it after its own points).
 */
import { type GatewayChild, type Impl, spawnGateway } from './gateway-child.js';
import { liveJobIds } from './job-ids.js';
import { measureAlternating, type PointResult, pointSettings } from './measure-point.js';
import { compareAnswers } from './same-data.js';
import { simulatorSupports, spawnSimulator } from './simulator-process.js';
import { ms } from './stats.js';

const SIZES = [25, 100];
const settings = pointSettings();
const ids = await liveJobIds({ seed: 1, seededJobs: 2000, count: Math.max(...SIZES) });
const clockArgs = simulatorSupports('--clock') ? ['--clock', 'manual'] : [];

/** Every size against one simulator at `latency`; results per size, in the order of `impls`. */
async function measure(latency: number, impls: Impl[]): Promise<{ check: string; points: PointResult[][] }> {
  const sim = await spawnSimulator(['--jobs', '2000', '--latency-ms', String(latency), ...clockArgs]);
  const children: GatewayChild[] = [];
  try {
    for (const impl of impls) children.push(await spawnGateway(impl, sim));
    const check = await compareAnswers(children[0]!.url, children[1]!.url, ids.slice(0, 25));
    const points: PointResult[][] = [];
    for (const jobs of SIZES) points.push(await measureAlternating(children, ids.slice(0, jobs), settings));
    return { check, points };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await sim.stop();
  }
}

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
