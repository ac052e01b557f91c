/** Messages between the bench and a gateway child (bench/gateway-process.ts). */

/** The gateway, the naive per-field baseline, and the hand-written no-GraphQL reference (bench/hand-written.ts). */
export const IMPLS = ['gateway', 'naive', 'hand-written'] as const;
export type Impl = (typeof IMPLS)[number];

export type ChildRequest = { cmd: 'stats' | 'reset-peak'; seq: number } | { cmd: 'stop'; seq: number };

export interface ChildReply {
  seq: number;
  /** User + system CPU of the child since it started. */
  cpuMicros: number;
  rssBytes: number;
  /** Peak RSS since the last `reset-peak` (see bench/peak-rss.ts). */
  peakRssBytes: number;
  /** The peak is the kernel's high-water mark (VmHWM), not a 100 ms sample. */
  peakRssExact: boolean;
  /** HTTP requests the child has sent to the simulator, retries included. */
  upstreamCalls: number;
  /** Garbage collections since start: young-generation (scavenges), others, and their total pause time. */
  gcs: { minor: number; major: number; gcMs: number };
  /** `process.hrtime` in µs: the clock V8 stamps `.cpuprofile` samples with, to cut a profile to a window. */
  monotonicMicros: number;
}
