import { constants, PerformanceObserver } from 'node:perf_hooks';
import type { ChildReply, ChildRequest } from './gateway-ipc.js';
import { PeakRss } from './peak-rss.js';

/**
 * The IPC side of a bench server child (bench/gateway-process.ts, bench/mesh-peer/server.mjs):
 * answers `stats` and `reset-peak` with this process's own CPU time, RSS, peak RSS, GC counts and
 * the upstream calls it counted, and `stop` by calling `stop` (which exits).
 */
export function answerBenchRequests(upstreamCalls: () => number, stop: () => void): void {
  // Peak RSS per load point: the kernel's high-water mark, reset between points (maxRSS never comes down).
  const peakRss = new PeakRss();
  // Garbage collections by kind: young-generation ones count allocation, whatever the machine's noise.
  const gcs = { minor: 0, major: 0, gcMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gcs.minor++;
      else gcs.major++;
      gcs.gcMs += entry.duration;
    }
  }).observe({ entryTypes: ['gc'] });

  process.on('message', (message: ChildRequest) => {
    if (message.cmd === 'stop') {
      stop();
      return;
    }
    const cpu = process.cpuUsage();
    const reply: ChildReply = {
      seq: message.seq,
      cpuMicros: cpu.user + cpu.system,
      rssBytes: process.memoryUsage.rss(),
      peakRssBytes: peakRss.bytes(),
      peakRssExact: peakRss.exact,
      upstreamCalls: upstreamCalls(),
      gcs: { ...gcs },
      monotonicMicros: Number(process.hrtime.bigint() / 1000n),
    };
    if (message.cmd === 'reset-peak') peakRss.reset();
    process.send?.(reply);
  });
}
