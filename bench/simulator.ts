/**
 * Simulator bench: a 100-ID batch-detail call (per_page 0, all 100 answered) against a
 * 100,000-job project. The simulator runs as a child process (`simulator/main.ts`), so the
 * client's CPU is never counted as the simulator's; times are client round trips over loopback
 * keep-alive (an upper bound) and the simulator's own time from its `Server-Timing` header.
 * Run: npx tsx bench/simulator.ts   (BENCH_SECONDS=5, BENCH_ROUNDS=600 to change the run)
 */
import { availableParallelism, cpus } from 'node:os';
import { Agent, request } from 'undici';
import { createIdCodec } from '../simulator/data/ids.js';
import { spawnSimulator } from './simulator-process.js';
import { ms, percentile } from './stats.js';

const JOBS = 100_000;
const BATCH = 100;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 600);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = 10;

const sim = await spawnSimulator(['--jobs', String(JOBS), '--clock', 'manual', '--released-rate', '0']);
process.on('exit', () => sim.kill());
const agent = new Agent({ connections: CONCURRENCY, pipelining: 1 });
const codec = createIdCodec(1, sim.projectId);
const url = `${sim.url}/v3/${sim.projectId}/jobs/batch-detail`;

let cursor = 0;
/** Cold: 100 IDs spread over the project, new on every call (first sight of each job). */
function coldIds(): string[] {
  const jobs: string[] = [];
  for (let i = 0; i < BATCH; i++) jobs.push(codec.idAt((cursor++ * 7919) % JOBS));
  return jobs;
}
/** Warm: the same 100 IDs every call, as a dashboard polling its jobs. */
const WARM = Array.from({ length: BATCH }, (_, i) => codec.idAt((i * 104_729) % JOBS));

interface Sample {
  roundTrip: number;
  /** The simulator's own time (Server-Timing), without the client or the socket. */
  own: number;
}

async function call(ids: string[]): Promise<Sample> {
  const body = JSON.stringify({ jobs: ids, page_req: { cur_page: 1, per_page: 0 } });
  const started = performance.now();
  const res = await request(url, {
    method: 'POST',
    dispatcher: agent,
    headers: { 'content-type': 'application/json', 'x-auth-token': sim.token },
    body,
  });
  const text = await res.body.text();
  const roundTrip = performance.now() - started;
  if (res.statusCode !== 200 || !text.startsWith(`{"count":${BATCH},`)) throw new Error(`unexpected ${res.statusCode}`);
  const own = Number(/dur=([\d.]+)/.exec(String(res.headers['server-timing']))?.[1]);
  return { roundTrip, own };
}

async function sequential(ids: () => string[]): Promise<Sample[]> {
  const out: Sample[] = [];
  for (let i = 0; i < ROUNDS; i++) out.push(await call(ids()));
  return out;
}

async function concurrent(ids: () => string[]): Promise<Sample[]> {
  const out: Sample[] = [];
  const until = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < until) out.push(await call(ids()));
    }),
  );
  return out;
}

function row(name: string, samples: Sample[], seconds?: number): string {
  const rt = samples.map((s) => s.roundTrip);
  const own = samples.map((s) => s.own);
  const rate = seconds ? samples.length / seconds : 1000 / (rt.reduce((a, b) => a + b, 0) / rt.length);
  const pair = (xs: number[]) => `${ms(percentile(xs, 50))} / ${ms(percentile(xs, 99))}`;
  return `| ${name} | ${samples.length} | ${pair(rt)} | ${pair(own)} | ${rate.toFixed(0)} |`;
}

// Warm-up: JIT, and the warm set's templates.
for (let i = 0; i < 100; i++) await call(i % 2 ? WARM : coldIds());

const rows = [
  row('warm, concurrency 1', await sequential(() => WARM)),
  row('cold, concurrency 1', await sequential(coldIds)),
  row(`warm, concurrency ${CONCURRENCY}`, await concurrent(() => WARM), SECONDS),
  row(`cold, concurrency ${CONCURRENCY}`, await concurrent(coldIds), SECONDS),
];

console.log(
  `\nSimulator: batch-detail with ${BATCH} IDs (per_page 0, ~240 KB answer) on a ${JOBS.toLocaleString('en')}-job project`,
);
console.log(
  `simulator in a child process; node ${process.version}; ${availableParallelism()} × ${cpus()[0]?.model ?? 'cpu'}`,
);
console.log('warm = the same 100 IDs every call (a polling dashboard); cold = 100 IDs never asked before');
console.log(`${new Date().toISOString()}\n`);
console.log('| scenario | calls | round trip p50 / p99 (ms) | simulator own p50 / p99 (ms) | calls/s |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) console.log(r);

await agent.close();
await sim.stop();
