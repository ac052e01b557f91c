import type { PointResult } from './measure-point.js';
import { ms } from './stats.js';

/** Both implementations at one job count. */
export interface Row {
  gateway: PointResult;
  naive: PointResult;
}

function num(value: number): string {
  if (value >= 100) return value.toFixed(0);
  return value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function ratio(value: number): string {
  return `**${value >= 10 ? value.toFixed(0) : value.toFixed(1)}×**`;
}

/** Latency in ms, or seconds once it is long; a small sample is labelled with its size. */
function latency(value: number, n: number): string {
  const shown = value >= 1000 ? `${(value / 1000).toFixed(2)} s` : ms(value);
  return n < 20 ? `${shown} (n=${n})` : shown;
}

function tooSlow(p: PointResult): string {
  return `n/a (too slow: ${(p.firstQueryMs / 1000).toFixed(1)} s/query)`;
}

/**
 * One markdown table per latency setting, gateway / naive side by side. The ratio printed is the
 * one that setting is for: throughput and CPU at 0 ms (CPU-bound), latency at 20 ms.
 */
export function renderTable(rows: Row[], latencyMs: number, floor: (jobs: number) => number): string {
  const cpuBound = latencyMs === 0;
  const head = [
    'jobs',
    'upstream calls / query',
    `p50 unloaded ms${cpuBound ? '' : ' (× faster)'}`,
    `p99 unloaded ms${cpuBound ? '' : ' (× faster)'}`,
    `queries/s @10 conn${cpuBound ? ' (×)' : ''}`,
    `server CPU ms/query @10 conn${cpuBound ? ' (× less)' : ''}`,
    'peak RSS MB',
  ];
  if (!cpuBound) head.push('gateway round-trip floor ms');
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---:').join('|')}|`];
  for (const { gateway: g, naive: n } of rows) {
    const lat = (pick: (p: PointResult) => number) => {
      const cell = `${latency(pick(g), g.unloaded.n)} / ${latency(pick(n), n.unloaded.n)}`;
      return cpuBound ? cell : `${cell} (${ratio(pick(n) / pick(g))})`;
    };
    const qps = n.loaded && g.loaded ? `${num(g.loaded.qps)} / ${num(n.loaded.qps)}` : undefined;
    // Without a 10-connection run, CPU is still measured, on the unloaded series (one query in flight).
    const both = g.loaded !== undefined && n.loaded !== undefined;
    const [gCpu, nCpu] = both
      ? [g.loaded!.cpuMsPerQuery, n.loaded!.cpuMsPerQuery]
      : [g.unloaded.cpuMsPerQuery, n.unloaded.cpuMsPerQuery];
    const cpu = `${num(gCpu)} / ${num(nCpu)}${both ? '' : ' (unloaded)'}`;
    const cells = [
      String(g.jobs),
      `${g.upstreamCallsPerQuery} / ${n.upstreamCallsPerQuery}`,
      lat((p) => p.unloaded.p50),
      lat((p) => p.unloaded.p99),
      qps === undefined
        ? `${g.loaded ? num(g.loaded.qps) : tooSlow(g)} / ${n.loaded ? num(n.loaded.qps) : tooSlow(n)}`
        : cpuBound
          ? `${qps} (${ratio(g.loaded!.qps / n.loaded!.qps)})`
          : qps,
      cpuBound ? `${cpu} (${ratio(nCpu / gCpu)})` : cpu,
      `${g.peakRssMb.toFixed(0)} / ${n.peakRssMb.toFixed(0)}`,
    ];
    if (!cpuBound) cells.push(String(floor(g.jobs)));
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
