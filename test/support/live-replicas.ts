import { setTimeout as sleep } from 'node:timers/promises';
import type { Simulator } from '../../simulator/http/server.js';
import { type Harness, startHarness } from './harness.js';
import { type SseSubscription, subscribeSse } from './sse.js';

/** Short, so a test sees many polls; the assertions below allow for a busy machine. */
export const INTERVAL = 200;
export const SUBSCRIPTION = `subscription($ids: [ID!]!) {
  jobProgress(ids: $ids) { jobId percent transferStatus incrementalDelayMillis }
}`;

/**
 * `count` gateway replicas on one simulator (the first one's), sharing `redisUrl` under a prefix
 * of their own (none: each alone in memory). Close them in reverse: the first owns the simulator.
 */
export async function startReplicas(
  count: number,
  redisUrl: string | undefined,
  prefix: string,
  env: Record<string, string> = {},
): Promise<Harness[]> {
  const shared = {
    ...(redisUrl === undefined ? {} : { REDIS_URL: redisUrl }),
    REDIS_KEY_PREFIX: prefix,
    DRS_POLL_INTERVAL_MS: String(INTERVAL),
    DRS_BATCH_SIZE: '25',
    ...env,
  };
  const first = await startHarness(shared);
  const all = [first];
  for (let i = 1; i < count; i++) all.push(await startHarness(shared, {}, { sim: first.sim }));
  if (redisUrl !== undefined) await until(() => all.every((h) => h.sharedState.health().up), 'Redis up');
  return all;
}

export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const limit = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > limit) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** An SSE subscription that also notes when each event arrived (to 10 ms). */
export interface Watching extends SseSubscription {
  ids: string[];
  arrivals: number[];
}

export function watch(gateway: Pick<Harness, 'fetch'>, ids: string[], headers: Record<string, string> = {}): Watching {
  const sub = subscribeSse(gateway, SUBSCRIPTION, { ids }, headers);
  const arrivals: number[] = [];
  const timer = setInterval(() => {
    while (arrivals.length < sub.events.length) arrivals.push(Date.now());
  }, 10);
  return {
    ...sub,
    ids,
    arrivals,
    close: () => {
      clearInterval(timer);
      sub.close();
    },
  };
}

/** Jobs in their incremental phase: their replication lag changes with each 30 s of simulated time. */
export function movingJobs(sim: Simulator, projectId: string, count: number): string[] {
  const ids = sim
    .jobIds(projectId, 60)
    .filter((id) => sim.jobProgress(projectId, id).transfer_status === 'INCRE_TRANSFER_STARTED');
  if (ids.length < count) throw new Error(`only ${ids.length} incremental jobs in the seed`);
  return ids.slice(0, count);
}

/** Moves the simulator's clock 30 s three times per interval, so every poll finds the lag changed. */
export function keepMoving(sim: Simulator): () => void {
  const timer = setInterval(() => sim.clock.advance(30_000), INTERVAL / 3);
  return () => clearInterval(timer);
}

/** batch-progress calls the simulator logged in [from, to), optionally for one project. */
export function polls(sim: Simulator, from: number, to: number, projectId?: string): Simulator['calls'] {
  return sim.calls.filter(
    (call) =>
      call.api === 'batch-progress' &&
      call.at >= from &&
      call.at < to &&
      (projectId === undefined || call.projectId === projectId),
  );
}

/** The longest stretch of [from, to] with none of `times` in it. */
export function longestGap(times: readonly number[], from: number, to: number): number {
  const inside = [from, ...times.filter((t) => t > from && t < to), to];
  let gap = 0;
  for (let i = 1; i < inside.length; i++) gap = Math.max(gap, inside[i]! - inside[i - 1]!);
  return gap;
}

/** Events a subscriber received twice in a row for the same job (what dedupe must prevent). */
export function repeats(sub: Watching): string[] {
  const last = new Map<string, string>();
  const repeated: string[] = [];
  for (const event of sub.events) {
    const id = event.data?.jobProgress?.jobId ?? event.errors?.[0]?.extensions?.jobId;
    const text = JSON.stringify(event);
    if (last.get(id) === text) repeated.push(id);
    last.set(id, text);
  }
  return repeated;
}
