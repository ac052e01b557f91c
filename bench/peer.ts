/**
 * The gateway beside the open-source peer, GraphQL Mesh + Hive Gateway serving DRS from the
 * simulator's OpenAPI description with @resolveTo batching (bench/mesh-peer/, its own packages,
 * installed on first use), each in its own process, in alternating slices as run.ts measures: at
 * 0 ms upstream for CPU, throughput and RSS, at 20 ms for latency. Before measuring, both answers
 * are checked to carry the same jobs, names, progress and struct objects.
 * `npx tsx bench/peer.ts` (`npm run bench:peer`; run.ts runs it after its own points).
 */
import { Agent } from 'undici';
import { dashboardBody } from './dashboard-query.js';
import { type GatewayChild, spawnGateway } from './gateway-child.js';
import { liveJobIds } from './job-ids.js';
import { post } from './load.js';
import { pointSettings } from './measure-point.js';
import { measureServers } from './measure-servers.js';
import { meshDashboardBody, spawnMesh } from './mesh-child.js';
import { ms } from './stats.js';

const SIZES = [25, 100];
const settings = pointSettings();
const ids = await liveJobIds({ seed: 1, seededJobs: 2000, count: Math.max(...SIZES) });

interface GatewayJob {
  id: string;
  name: string;
  progress: { percent: number } | null;
  structDetail: { total: number; objects: { edges: { node: { sourceObject: string; progress: number } }[] } } | null;
}
interface MeshJob {
  id: string;
  name: string;
  progress: { progress: string | number } | null;
  structDetail: { struct_detail: { total_record: number; list: { src_TB: string; progress: number }[] } } | null;
}

/** The facts both answers must agree on, per job: what the dashboard shows. */
const factsOfGateway = (job: GatewayJob) =>
  JSON.stringify([
    job.id,
    job.name,
    job.progress?.percent ?? null,
    job.structDetail?.total ?? null,
    job.structDetail?.objects.edges.map(({ node }) => [node.sourceObject, node.progress]) ?? null,
  ]);
const factsOfMesh = (job: MeshJob) =>
  JSON.stringify([
    job.id,
    job.name,
    job.progress ? Number(job.progress.progress) : null,
    job.structDetail?.struct_detail.total_record ?? null,
    job.structDetail?.struct_detail.list.map((o) => [o.src_TB, o.progress]) ?? null,
  ]);

async function checkSameJobs(gateway: GatewayChild, mesh: GatewayChild, jobIds: string[]): Promise<string> {
  const agent = new Agent({ connections: 2 });
  const [g, m] = await Promise.all([
    post(gateway.url, dashboardBody(jobIds), agent),
    post(mesh.url, meshDashboardBody(jobIds), agent),
  ]);
  await agent.close();
  const gJobs = (JSON.parse(g.text) as { data: { jobs: GatewayJob[] } }).data.jobs;
  const mJobs = (JSON.parse(m.text) as { data?: { jobs?: MeshJob[] }; errors?: unknown[] }).data?.jobs ?? [];
  const differing = gJobs.filter((job, i) => !mJobs[i] || factsOfGateway(job) !== factsOfMesh(mJobs[i]!));
  if (differing.length > 0 || mJobs.length !== gJobs.length) {
    throw new Error(
      `the Mesh peer answers differently for ${differing.length} of ${jobIds.length} jobs: ${m.text.slice(0, 400)}`,
    );
  }
  return `the same ids, names, progress and struct objects for ${jobIds.length} jobs (${g.text.length} / ${m.text.length} bytes)`;
}

const measure = (latency: number) =>
  measureServers({
    latency,
    sizes: SIZES,
    ids,
    settings,
    servers: [(sim) => spawnGateway('gateway', sim), spawnMesh],
    check: ([gateway, mesh]) => checkSameJobs(gateway!, mesh!, ids.slice(0, 25)),
  });

const cpu = await measure(0);
const latency = await measure(20);

const pair = (a: number | undefined, b: number | undefined, digits = (v: number) => ms(v)) =>
  [a, b].map((v) => (v === undefined ? 'n/a' : digits(v))).join(' / ');
const ratio = (a: number | undefined, b: number | undefined) =>
  a === undefined || b === undefined ? 'n/a' : `**${(a / b).toFixed(1)}×**`;
const rows = SIZES.map((jobs, i) => {
  const [g, m] = cpu.points[i]!;
  const [g20, m20] = latency.points[i]!;
  return [
    String(jobs),
    pair(g?.upstreamCallsPerQuery, m?.upstreamCallsPerQuery, String),
    pair(g?.loaded?.qps, m?.loaded?.qps, (v) => v.toFixed(0)),
    ratio(g?.loaded?.qps, m?.loaded?.qps),
    pair(g?.loaded?.cpuMsPerQuery, m?.loaded?.cpuMsPerQuery),
    ratio(m?.loaded?.cpuMsPerQuery, g?.loaded?.cpuMsPerQuery),
    pair(g?.peakRssMb, m?.peakRssMb, (v) => v.toFixed(0)),
    pair(g20?.unloaded.p50, m20?.unloaded.p50),
    pair(g20?.unloaded.p99, m20?.unloaded.p99),
  ];
});
const failures = [...cpu.points, ...latency.points].flat().flatMap((p) => p.failures);
const header = [
  'jobs',
  'upstream calls / query (gateway / Mesh)',
  'queries/s @10 conn, 0 ms',
  'gateway ÷ Mesh queries/s',
  'CPU ms/query @10 conn, 0 ms',
  'Mesh ÷ gateway CPU',
  'peak RSS MB, 0 ms',
  'p50 unloaded @20 ms',
  'p99 unloaded @20 ms',
];
console.log(
  [
    '**Beside the open-source peer** (`bench/peer.ts`): GraphQL Mesh (`@graphql-mesh/compose-cli` 1.8.2,',
    "`@omnigraph/openapi` 0.112.4) composed from the simulator's OpenAPI description, `jobs(ids)` and",
    "each job's `progress` and `structDetail` declared with `@resolveTo` (the per-job fields batched over",
    "their keys), served by Hive Gateway's runtime 2.12.1 with Node's default flags (`bench/mesh-peer/`).",
    `Answers checked in this run: ${cpu.check} (0 ms), ${latency.check} (20 ms).`,
    '',
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---:').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
    ...(failures.length > 0 ? ['', `Failures: ${failures.join('; ')}`] : []),
  ].join('\n'),
);
process.exit(0);
