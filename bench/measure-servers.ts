import type { GatewayChild } from './gateway-child.js';
import { measureAlternating, type PointResult, type PointSettings } from './measure-point.js';
import { type SimulatorProcess, simulatorSupports, spawnSimulator } from './simulator-process.js';

export interface ServersRun {
  /** Simulator latency, ms. */
  latency: number;
  sizes: readonly number[];
  /** Live job ids, at least as many as the largest size. */
  ids: readonly string[];
  settings: PointSettings;
  /** One starter per server, in the order the results come back. */
  servers: readonly ((sim: SimulatorProcess) => Promise<GatewayChild>)[];
  /** Compares the servers' answers before anything is measured; says what it found. */
  check(children: readonly GatewayChild[]): Promise<string>;
}

/**
 * Several servers against one simulator of their own (manual clock where it has one), their answers
 * checked first, then every size measured in alternating slices; results per size, in server order.
 */
export async function measureServers(run: ServersRun): Promise<{ check: string; points: PointResult[][] }> {
  const clockArgs = simulatorSupports('--clock') ? ['--clock', 'manual'] : [];
  const sim = await spawnSimulator(['--jobs', '2000', '--latency-ms', String(run.latency), ...clockArgs]);
  const children: GatewayChild[] = [];
  try {
    for (const start of run.servers) children.push(await start(sim));
    const check = await run.check(children);
    const points: PointResult[][] = [];
    for (const jobs of run.sizes) {
      points.push(await measureAlternating(children, run.ids.slice(0, jobs), run.settings));
    }
    return { check, points };
  } finally {
    await Promise.all(children.map((child) => child.stop()));
    await sim.stop();
  }
}
