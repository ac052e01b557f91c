/**
 * `npx tsx bench/attacks.ts` (`npm run bench:attacks`): the hostile requests of issue 16, each sent
 * four at a time to one gateway child with default limits (the simulator in a process of its own),
 * and what each cost the gateway: CPU, peak RSS over the idle baseline, DRS calls, and the answer.
 * The targets with defaults: no request over ~1 s of CPU or ~50 MB of memory, every refusal coded.
 */
import { type GraphQLObjectType, getIntrospectionQuery } from 'graphql';
import { Agent } from 'undici';
import { schema } from '../src/schema/index.js';
import { selectAll } from '../test/support/select-all.js';
import { DASHBOARD_QUERY } from './dashboard-query.js';
import { spawnGateway } from './gateway-child.js';
import { liveJobIds } from './job-ids.js';
import { post } from './load.js';
import { spawnSimulator } from './simulator-process.js';

const CONCURRENT = 4;
const seed = { seed: 1, seededJobs: 1500 };
const ids = await liveJobIds({ ...seed, count: 1000 });
const sim = await spawnSimulator(['--jobs', String(seed.seededJobs)]);
// Default limits; the row cache and call collapsing off, so each of the four copies costs its whole price.
const gateway = await spawnGateway('gateway', sim, [], { DRS_CACHE: 'off', DRS_COLLAPSE: 'false' });
process.on('exit', () => {
  gateway.kill();
  sim.kill();
});

const wideJob = selectAll(schema.getType('Job') as GraphQLObjectType, 3);
const aliases = (n: number, field: (i: number) => string) => Array.from({ length: n }, (_, i) => field(i)).join(' ');
const attacks: [string, string, Record<string, unknown>][] = [
  [
    '1,000 aliases of jobs(ids) {id name}, 1,000 ids',
    `query($ids:[ID!]!){ ${aliases(1000, (i) => `a${i}: jobs(ids: $ids) { id name }`)} }`,
    { ids },
  ],
  [
    '5 aliases of every Job field (3 deep), 1,000 ids',
    `query($ids:[ID!]!){ ${aliases(5, (i) => `a${i}: jobs(ids: $ids) { ${wideJob} }`)} }`,
    { ids },
  ],
  [
    '5 aliases of structDetail objects(first: 2000), 1,000 ids',
    `query($ids:[ID!]!){ ${aliases(5, (i) => `a${i}: jobs(ids: $ids) { structDetail(type: TABLE) { objects(first: 2000) { edges { node { sourceObject progress } } } } }`)} }`,
    { ids },
  ],
  [
    '30 aliases of asyncJobBatch with made-up ids',
    `{ ${aliases(30, (i) => `a${i}: asyncJobBatch(id: "00000000-0000-4000-8000-${String(i).padStart(12, '0')}") { id totalCount jobs(first: 100) { edges { node { id } } } }`)} }`,
    {},
  ],
  [
    'jobs(1,000) × 20 objectProgress aliases, distinct searches',
    `query($ids:[ID!]!){ jobs(ids: $ids) { id ${aliases(20, (i) => `p${i}: objectProgress(type: TABLE, search: "t${i}", first: 2) { totalCount }`)} } }`,
    { ids },
  ],
  ['5,000-deep nesting', `{ ${'job(id: "x") { '.repeat(5000)} id ${'}'.repeat(5000)} }`, {}],
  ['heaviest allowed: the dashboard on 1,000 jobs', DASHBOARD_QUERY, { ids }],
  [
    'every Job field (3 deep) on 1,000 jobs: 1,000 per-job v5 calls',
    `query($ids:[ID!]!){ jobs(ids: $ids) { ${wideJob} } }`,
    { ids },
  ],
  [
    'heaviest allowed: every Job field (3 deep) on 120 jobs (240 per-job v5 calls)',
    `query($ids:[ID!]!){ jobs(ids: $ids) { ${wideJob} } }`,
    { ids: ids.slice(0, 120) },
  ],
  ['GraphiQL’s introspection', getIntrospectionQuery(), {}],
];

const agent = new Agent({ connections: CONCURRENT });
console.log(
  `| attack (×${CONCURRENT} at once) | HTTP | codes | answer bytes | CPU ms / request | peak RSS over idle, MB | DRS calls / request |`,
);
console.log('|---|---|---|---:|---:|---:|---:|');
for (const [name, query, variables] of attacks) {
  const body = JSON.stringify({ query, variables });
  const before = await gateway.resetPeak();
  const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => post(gateway.url, body, agent)));
  const after = await gateway.stats();
  const statuses = [...new Set(answers.map((a) => a.status))].join(',');
  const codes = new Set<string>();
  for (const answer of answers) {
    try {
      for (const error of JSON.parse(answer.text).errors ?? []) codes.add(error.extensions?.code ?? 'UNCODED');
    } catch {
      codes.add('NOT JSON');
    }
  }
  const cpu = (after.cpuMicros - before.cpuMicros) / 1000 / CONCURRENT;
  const rss = (after.peakRssBytes - before.rssBytes) / 1024 / 1024;
  const calls = (after.upstreamCalls - before.upstreamCalls) / CONCURRENT;
  const bytes = Math.max(...answers.map((a) => a.text.length));
  console.log(
    `| ${name} | ${statuses} | ${[...codes].join(' ') || '—'} | ${bytes.toLocaleString('en')} | ${cpu.toFixed(0)} | ${rss.toFixed(1)} | ${calls} |`,
  );
}
await agent.close();
await gateway.stop();
await sim.stop();
