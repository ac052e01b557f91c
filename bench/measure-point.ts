import { Agent } from 'undici';
import { dashboardBody } from './dashboard-query.js';
import type { GatewayChild } from './gateway-child.js';
import { type LoadResult, post, runLoad, runSequential } from './load.js';
import { percentile } from './stats.js';

/** Durations and bounds of one load point; printed with the results. */
export interface PointSettings {
  connections: number;
  warmupMs: number;
  /** Per implementation and point, split over `rounds` alternating slices. */
  unloadedBudgetMs: number;
  unloadedMaxQueries: number;
  /** Per implementation and point, split over `rounds` alternating slices. */
  loadMs: number;
  rounds: number;
  /** A point whose first two queries are both slower than this is "slow": 2 unloaded queries, no warm-up burst. */
  slowQueryMs: number;
  /** A slow point's 10-connection run (one query per connection) is skipped when first-query time × connections exceeds this. */
  slowLoadCapMs: number;
}

/** The settings of every point of a run, with the `BENCH_*` overrides run.ts prints. */
export function pointSettings(env: NodeJS.ProcessEnv = process.env): PointSettings {
  const seconds = (name: string, fallback: number) => Number(env[name] ?? fallback) * 1000;
  return {
    connections: Number(env.BENCH_CONNECTIONS ?? 10),
    warmupMs: seconds('BENCH_WARMUP_S', 1),
    unloadedBudgetMs: seconds('BENCH_UNLOADED_S', 2),
    unloadedMaxQueries: 300,
    loadMs: seconds('BENCH_LOAD_S', 4.5),
    rounds: 3,
    slowQueryMs: 300,
    slowLoadCapMs: 20_000,
  };
}

export interface PointResult {
  jobs: number;
  upstreamCallsPerQuery: number;
  /** The faster of the first two queries. */
  firstQueryMs: number;
  unloaded: { n: number; p50: number; p99: number; cpuMsPerQuery: number };
  /** Medians over the load slices; undefined when the point is too slow for a 10-connection run. */
  loaded: { queries: number; slices: number; qps: number; cpuMsPerQuery: number; p50: number } | undefined;
  peakRssMb: number;
  /** The peak is the kernel's high-water mark over the whole point (else a 100 ms sample). */
  peakRssExact: boolean;
  failures: string[];
}

const MB = 1024 * 1024;

/** Checks one answer fully: every job present, no error at all (the ids are live seeded jobs). */
function checkAnswer(text: string, jobs: number): string | undefined {
  const parsed = JSON.parse(text) as { data?: { jobs?: unknown[] }; errors?: unknown[] };
  if (parsed.errors?.length) return `errors: ${JSON.stringify(parsed.errors).slice(0, 300)}`;
  const list = parsed.data?.jobs;
  if (list?.length !== jobs || list.some((job) => job === null)) return 'answer lacks some jobs';
  return undefined;
}

/** One implementation's measurements at one job count, taken in slices so two implementations can alternate. */
class PointRun {
  private readonly body: string;
  private readonly failures: string[] = [];
  private upstreamCalls = 0;
  private firstQueryMs = 0;
  private readonly unloadedLatencies: number[] = [];
  private unloadedCpuMicros = 0;
  private readonly loadSlices: { qps: number; cpuMsPerQuery: number; queries: number; latencies: number[] }[] = [];

  constructor(
    private readonly child: GatewayChild,
    private readonly ids: string[],
    private readonly settings: PointSettings,
  ) {
    this.body = child.body?.(ids) ?? dashboardBody(ids);
  }

  get slow(): boolean {
    return this.firstQueryMs > this.settings.slowQueryMs;
  }

  /** Whether a 10-connection run fits the time bounds (always, unless slow). */
  get loadable(): boolean {
    return !this.slow || this.firstQueryMs * this.settings.connections <= this.settings.slowLoadCapMs;
  }

  /**
   * One checked query (upstream calls per query), then a second: the faster of the two decides
   * whether the point is slow, so a cold JIT or one descheduled moment does not.
   */
  async first(): Promise<void> {
    await this.child.resetPeak();
    const single = new Agent({ connections: 1 });
    const before = await this.child.stats();
    let t = performance.now();
    const { status, text } = await post(this.child.url, this.body, single);
    const coldMs = performance.now() - t;
    const after = await this.child.stats();
    t = performance.now();
    await post(this.child.url, this.body, single);
    this.firstQueryMs = Math.min(coldMs, performance.now() - t);
    await single.close();
    this.upstreamCalls = after.upstreamCalls - before.upstreamCalls;
    const problem = status === 200 ? checkAnswer(text, this.ids.length) : `HTTP ${status}`;
    if (problem) this.failures.push(`first query: ${problem}`);
  }

  /** JIT and pools warm up under the measured concurrency; a slow point's first query was its warm-up. */
  async warm(): Promise<void> {
    if (this.slow) return;
    const { url } = this.child;
    const { connections, warmupMs } = this.settings;
    await runLoad({ url, body: this.body, connections, durationMs: warmupMs, maxQueries: 1e6 });
  }

  async unloadedSlice(round: number): Promise<void> {
    if (this.slow && round > 0) return;
    const { unloadedBudgetMs, unloadedMaxQueries, rounds } = this.settings;
    const s0 = await this.child.stats();
    const result = await runSequential(this.child.url, this.body, {
      minQueries: this.slow ? 2 : 3,
      maxQueries: this.slow ? 2 : Math.ceil(unloadedMaxQueries / rounds),
      budgetMs: unloadedBudgetMs / rounds,
    });
    const s1 = await this.child.stats();
    this.record('unloaded', result);
    this.unloadedLatencies.push(...result.latenciesMs);
    this.unloadedCpuMicros += s1.cpuMicros - s0.cpuMicros;
  }

  async loadSlice(round: number): Promise<void> {
    if (!this.loadable || (this.slow && round > 0)) return;
    const { connections, loadMs, rounds } = this.settings;
    const s0 = await this.child.stats();
    const result = await runLoad({
      url: this.child.url,
      body: this.body,
      connections,
      durationMs: loadMs / rounds,
      // A slow point gets one query per connection, all at once: bounded, but a real 10-connection figure.
      maxQueries: this.slow ? connections : 1e7,
    });
    const s1 = await this.child.stats();
    this.record('load', result);
    const queries = result.ok + result.failed;
    this.loadSlices.push({
      queries,
      qps: queries / (result.elapsedMs / 1000),
      cpuMsPerQuery: (s1.cpuMicros - s0.cpuMicros) / 1000 / queries,
      latencies: result.latenciesMs,
    });
  }

  async result(): Promise<PointResult> {
    const end = await this.child.stats();
    const slices = this.loadSlices;
    return {
      jobs: this.ids.length,
      upstreamCallsPerQuery: this.upstreamCalls,
      firstQueryMs: this.firstQueryMs,
      unloaded: {
        n: this.unloadedLatencies.length,
        p50: percentile(this.unloadedLatencies, 50),
        p99: percentile(this.unloadedLatencies, 99),
        cpuMsPerQuery: this.unloadedCpuMicros / 1000 / this.unloadedLatencies.length,
      },
      loaded:
        slices.length === 0
          ? undefined
          : {
              queries: slices.reduce((sum, s) => sum + s.queries, 0),
              slices: slices.length,
              qps: percentile(
                slices.map((s) => s.qps),
                50,
              ),
              cpuMsPerQuery: percentile(
                slices.map((s) => s.cpuMsPerQuery),
                50,
              ),
              p50: percentile(
                slices.flatMap((s) => s.latencies),
                50,
              ),
            },
      peakRssMb: end.peakRssBytes / MB,
      peakRssExact: end.peakRssExact,
      failures: this.failures,
    };
  }

  private record(phase: string, result: LoadResult): void {
    if (result.failed > 0) this.failures.push(`${phase}: ${result.failed} failed, first: ${result.firstFailure}`);
  }
}

/**
 * Measures several implementations at one job count. Their slices alternate (A B A B …), so a burst
 * of noise from other tenants of this shared machine lands on all of them, not on one; throughput
 * and CPU are the medians of the slices.
 */
export async function measureAlternating(
  children: readonly GatewayChild[],
  ids: string[],
  settings: PointSettings,
): Promise<PointResult[]> {
  const runs = children.map((child) => new PointRun(child, ids, settings));
  for (const run of runs) await run.first();
  for (const run of runs) await run.warm();
  for (let round = 0; round < settings.rounds; round++) for (const run of runs) await run.unloadedSlice(round);
  for (let round = 0; round < settings.rounds; round++) for (const run of runs) await run.loadSlice(round);
  return Promise.all(runs.map((run) => run.result()));
}

/** The gateway and the naive baseline at one job count, alternating. */
export async function measurePair(
  gateway: GatewayChild,
  naive: GatewayChild,
  ids: string[],
  settings: PointSettings,
): Promise<{ gateway: PointResult; naive: PointResult }> {
  const [g, n] = await measureAlternating([gateway, naive], ids, settings);
  return { gateway: g!, naive: n! };
}
