/**
 * `npx tsx bench/soak.ts [seconds=60]` (`npm run bench:soak`): the gateway at 10× nominal load with
 * a faulty DRS, every answer checked against the simulator's world.
 *
 * Nominal load, per tenant: one 25-job dashboard per second (detail, endpoints, progress and table
 * struct details of each job) plus one lighter query per second, taking turns: a single job with its
 * progress, struct details of 5 jobs (tables and indexes), a job's v5 object progress, a v5 async
 * batch; and one live-progress subscription (SSE) held open. The soak runs 10× that: 10 dashboards
 * and 10 lighter queries per second per tenant, open-loop over 16 keep-alive connections per
 * tenant, both of the simulator's tenants (projects, tokens) interleaved, and 2 SSE streams per
 * tenant (subscriptions share one poll per tenant, so more streams add no DRS traffic).
 *
 * The simulator (its own process, 20 ms latency, manual clock so its world stands still) answers
 * every API with a repeating 100-step plan: 10 steps 503/429/502/500 and 1 hang. The gateway runs
 * compiled, with `npm start`'s flags, its defaults, and DRS_TIMEOUT_MS=2000 (default 15 s: a hang
 * would hold one of the API's 8 concurrency slots for 15 s; any DRS_* in the environment wins).
 * Every answer is checked (soak-check.ts): each row must be its id's, of the asking tenant, equal to
 * the world; each null must carry a coded error on its own path; a foreign or released job must be
 * null with NOT_FOUND. Prints answers ok / partial / failed with p50/p99, error codes, DRS calls by
 * API (the simulator's call log), and the gateway's RSS and peak RSS.
 */
import { writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CallRecord } from '../simulator/http/call-log.js';
import { loadConfig } from '../src/config.js';
import { spawnGateway } from './gateway-child.js';
import { spawnSimulator } from './simulator-process.js';
import { drive } from './soak-drive.js';
import { soakFaultFlags, soakPlanSpec } from './soak-faults.js';
import { Oracle } from './soak-oracle.js';
import { KINDS, type Kind } from './soak-queries.js';
import { answerTable, callTable, codeTable, rssLine, sseLine } from './soak-report.js';
import { holdSubscription, newSseTally } from './soak-sse.js';

const seconds = Number(process.argv[2] ?? '60');
if (!(seconds > 0)) throw new Error('usage: npx tsx bench/soak.ts [seconds=60]');
const SEED = 1;
const JOBS = 2000;
const FACTOR = 10;
const LIGHT: Kind[] = ['job', 'struct', 'objects', 'async'];
const rates = Object.fromEntries(KINDS.map((k) => [k, k === 'dashboard' ? FACTOR : FACTOR / LIGHT.length])) as Record<
  Kind,
  number
>;
// SOAK_FAULTS=off runs the same load against a healthy simulator: the baseline the faults are judged against.
const faulty = process.env.SOAK_FAULTS !== 'off';
const gatewayEnv = { DRS_TIMEOUT_MS: process.env.DRS_TIMEOUT_MS ?? '2000' };

const oracle = await Oracle.start(SEED, JOBS);
const tenants = oracle.tenants();
const simArgs = [
  '--seed',
  String(SEED),
  '--jobs',
  String(JOBS),
  '--latency-ms',
  '20',
  '--clock',
  'manual',
  ...(faulty ? soakFaultFlags() : []),
];
const sim = await spawnSimulator(simArgs);
process.on('exit', () => sim.kill());
const gateway = await spawnGateway('gateway', sim, [], gatewayEnv);
process.on('exit', () => gateway.kill());
const admin = (method: string) =>
  fetch(`${sim.url}/__admin/calls`, { method }).then((r) => r.json() as Promise<{ calls: CallRecord[] }>);

const config = loadConfig({ ...process.env, ...gatewayEnv, DRS_ENDPOINT: sim.url, DRS_PROJECT_ID: sim.projectId });
const r = config.resilience;
console.log(
  `# Soak: ${seconds} s at ${FACTOR}× nominal load, ${faulty ? 'faults injected' : 'no faults (SOAK_FAULTS=off)'}\n`,
);
console.log(
  `nominal, per tenant: 1 dashboard of 25 jobs/s + 1 lighter query/s (${LIGHT.join(' / ')} in turn) + 1 SSE stream`,
);
console.log(
  `this run, per tenant: ${KINDS.map((k) => `${k} ${rates[k]}/s`).join(', ')}; 2 SSE streams; tenants ${tenants.map((t) => `${t.name} (project ${t.projectId.slice(0, 8)}…)`).join(', ')}`,
);
console.log(
  `simulator: ${sim.command.replace(/--fault \S+ /g, '').replace(/ --fault \S+$/, '')} ${faulty ? ` + every API: --fault '<api>=${soakPlanSpec()}'` : ''}`,
);
console.log(
  `gateway: NODE_ENV=production, DRS_TIMEOUT_MS=${config.requestTimeoutMs}, DRS_OPERATION_TIMEOUT_MS=${r.operationTimeoutMs}, ` +
    `DRS_RETRY_MAX=${r.maxRetries}, DRS_RETRY_BUDGET_PERCENT=${r.retryBudgetRatio * 100} (min ${r.retryBudgetMin}), ` +
    `DRS_THROTTLE_BACKOFF_MIN/MAX_MS=${r.throttleBackoffMinMs}/${r.throttleBackoffMaxMs}, DRS_MAX_CONCURRENCY=${r.maxConcurrencyPerApi}, ` +
    `DRS_BREAKER_FAILURES=${r.breakerFailures}, DRS_BREAKER_COOLDOWN_MS=${r.breakerCooldownMs}, ` +
    `DRS_POLL_INTERVAL_MS=${config.pollIntervalMs}, MAX_DRS_CALLS_PER_OPERATION=${config.maxDrsCallsPerOperation}\n`,
);

await admin('DELETE');
const before = await gateway.resetPeak();
const stop = new AbortController();
const sse = newSseTally();
const streams = tenants.flatMap((tenant, t) =>
  [0, 1].map((s) => {
    // 4 live jobs and 1 released one (a constant NOT_FOUND) per stream.
    const ids = [...tenant.live.slice(100 + s * 4, 104 + s * 4), tenant.released[t + s]!];
    return holdSubscription(gateway.url, tenant, ids, oracle, sse, stop.signal);
  }),
);
const rss: number[] = [];
const sampler = setInterval(() => void gateway.stats().then((s) => rss.push(s.rssBytes)), 5_000);
const tally = await drive({
  url: gateway.url,
  tenants,
  oracle,
  rates,
  durationMs: seconds * 1000,
  connections: 16,
  maxInFlight: 400,
});
// One more poll interval for the streams, then end them.
await sleep(1000);
stop.abort();
await Promise.all(streams);
clearInterval(sampler);
const after = await gateway.stats();
const { calls } = await admin('GET');
// SOAK_CALLS_FILE=path keeps the simulator's call log of the run, to study its timing.
if (process.env.SOAK_CALLS_FILE) writeFileSync(process.env.SOAK_CALLS_FILE, JSON.stringify(calls));

console.log(answerTable(tally).join('\n'));
const answers = KINDS.reduce((n, k) => n + tally.byKind[k].ok + tally.byKind[k].partial + tally.byKind[k].failed, 0);
console.log(
  `\n${answers} answers in ${(tally.elapsedMs / 1000).toFixed(1)} s (${(answers / (tally.elapsedMs / 1000)).toFixed(1)}/s), ${tally.notSent} not sent (over 400 in flight)`,
);
const wrong = [...tally.problems, ...sse.problems];
console.log(`${tally.rows} job rows checked equal to the world; wrong or mixed answers: ${wrong.length}`);
for (const problem of wrong.slice(0, 15)) console.log(`  - ${problem}`);
console.log(`${sseLine(sse)}\n`);
console.log(codeTable(tally, sse).join('\n'));
console.log('');
console.log(callTable(calls, tally.elapsedMs / 1000).join('\n'));
console.log(
  `\nDRS calls counted by the gateway: ${after.upstreamCalls - before.upstreamCalls} (the simulator logged ${calls.length})`,
);
console.log(rssLine(rss, after.peakRssBytes, after.peakRssExact));

await gateway.stop();
await sim.stop();
await oracle.close();
process.exit(wrong.length === 0 ? 0 : 1);
