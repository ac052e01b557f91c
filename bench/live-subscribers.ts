/**
 * The subscription half of bench/replicas.ts: K live-progress subscribers (SSE) on each replica,
 * all of one tenant on overlapping jobs, the simulator's clock moving so every poll finds changes;
 * counts batch-progress calls over a window.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Simulator } from '../simulator/http/server.js';
import { subscribeSse } from '../test/support/sse.js';

const SUBSCRIPTION = `subscription($ids: [ID!]!) { jobProgress(ids: $ids) { jobId percent incrementalDelayMillis } }`;

export interface LiveFigures {
  polls: number;
  pollsPerMinute: number;
  /** Events each subscriber received in the window, fewest and most. */
  eventsMin: number;
  eventsMax: number;
}

export async function subscriptionLoad(
  sim: Simulator,
  urls: readonly string[],
  ids: readonly string[],
  perReplica: number,
  windowMs: number,
): Promise<LiveFigures> {
  const subs = urls.flatMap((url) =>
    Array.from({ length: perReplica }, (_, i) => {
      const gateway = {
        fetch: (input: string | URL, init?: RequestInit) =>
          fetch(String(input).replace('http://gateway/graphql', url), init),
      };
      // Overlapping windows of ten jobs: the union is all of `ids`.
      const mine = Array.from({ length: 10 }, (_, k) => ids[(i * 3 + k) % ids.length]!);
      return { sub: subscribeSse(gateway, SUBSCRIPTION, { ids: mine }), count: mine.length };
    }),
  );
  await Promise.all(subs.map(({ sub, count }) => sub.waitFor(count, 10_000)));
  // Every subscriber is in: leadership settles, then the window starts.
  await sleep(1_000);
  const clock = setInterval(() => sim.clock.advance(30_000), 100);
  const before = subs.map(({ sub }) => sub.events.length);
  const from = Date.now();
  await sleep(windowMs);
  const to = Date.now();
  clearInterval(clock);
  const received = subs.map(({ sub }, i) => sub.events.length - before[i]!);
  for (const { sub } of subs) sub.close();
  const polls = sim.calls.filter((call) => call.api === 'batch-progress' && call.at >= from && call.at < to).length;
  return {
    polls,
    pollsPerMinute: (polls * 60_000) / (to - from),
    eventsMin: Math.min(...received),
    eventsMax: Math.max(...received),
  };
}
