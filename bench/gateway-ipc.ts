/** Messages between the bench and a gateway child (bench/gateway-process.ts). */

export type ChildRequest = { cmd: 'stats' | 'reset-peak'; seq: number } | { cmd: 'stop'; seq: number };

export interface ChildReply {
  seq: number;
  /** User + system CPU of the child since it started. */
  cpuMicros: number;
  rssBytes: number;
  /** Highest RSS sampled (every 100 ms) since the last `reset-peak`. */
  peakRssBytes: number;
  /** HTTP requests the child has sent to the simulator, retries included. */
  upstreamCalls: number;
  /** Garbage collections since start: young-generation (scavenges), others, and their total pause time. */
  gcs: { minor: number; major: number; gcMs: number };
  /** `process.hrtime` in µs: the clock V8 stamps `.cpuprofile` samples with, to cut a profile to a window. */
  monotonicMicros: number;
}
