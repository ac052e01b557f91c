import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ChildReply, ChildRequest, Impl } from './gateway-ipc.js';
import type { SimulatorProcess } from './simulator-process.js';

export type { Impl } from './gateway-ipc.js';

export interface GatewayChild {
  impl: Impl | 'mesh';
  pid: number;
  url: string;
  /** The exact command line, for the bench's printed settings. */
  command: string;
  /** The dashboard request in this server's schema, when it is not the gateway's (the Mesh peer). */
  body?: (ids: readonly string[]) => string;
  stats(): Promise<ChildReply>;
  /** Stats now, then restart peak-RSS sampling from the current RSS. */
  resetPeak(): Promise<ChildReply>;
  /** Exits normally (so `--cpu-prof` writes its file) and resolves once the process is gone. */
  stop(): Promise<void>;
  kill(): void;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** The V8 flags `npm start` and the Dockerfile run the gateway with (docs.test.ts keeps them in step). */
export const GATEWAY_NODE_FLAGS = ['--heap-growing-percent=20', '--single-threaded-gc'];

let built = false;
/** Compiles src/, simulator/ and bench/ to dist/ once per bench process: the children run what `npm start` runs. */
export function buildDist(): void {
  if (built) return;
  const result = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.bench.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('tsc -p tsconfig.bench.json failed');
  built = true;
}

/**
 * Starts bench/gateway-process.ts, compiled, in its own process with the gateway's production flags;
 * `nodeFlags` go after them, before the script (e.g. --cpu-prof).
 */
export async function spawnGateway(
  impl: Impl,
  sim: SimulatorProcess,
  nodeFlags: string[] = [],
  extraEnv: Record<string, string> = {},
): Promise<GatewayChild> {
  buildDist();
  const args = [
    ...GATEWAY_NODE_FLAGS,
    ...nodeFlags,
    // BENCH_BUILD (a copy of dist/ inside the repo) runs another build, to compare two versions.
    `${extraEnv.BENCH_BUILD ?? 'dist'}/bench/gateway-process.js`,
    '--impl',
    // BENCH_IMPL runs another server under the variant's name (quick.ts: `ref=BENCH_IMPL=hand-written`).
    extraEnv.BENCH_IMPL ?? impl,
    '--upstream',
    sim.url,
    '--project',
    sim.projectId,
    '--token',
    sim.token,
  ];
  return spawnChild(impl, args, extraEnv);
}

/**
 * Starts one server process (node `args`, with an IPC channel) that prints `listening on URL` and
 * answers bench/gateway-ipc.ts requests: a gateway-process.ts child or the Mesh peer (mesh-child.ts).
 */
export async function spawnChild(
  impl: GatewayChild['impl'],
  args: string[],
  extraEnv: Record<string, string> = {},
  cwd = root,
): Promise<GatewayChild> {
  // Every server runs as `npm start` runs the gateway: NODE_ENV=production (graphql-js drops its dev checks).
  const env = { ...process.env, NODE_ENV: process.env.NODE_ENV ?? 'production', ...extraEnv };
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let seen: string | undefined = '';
    // Read stdout for as long as the child lives (a full pipe would block its log writes), but keep
    // only what comes before the line looked for.
    child.stdout?.on('data', (chunk: Buffer) => {
      if (seen === undefined) return;
      seen += chunk.toString();
      const match = seen.match(/listening on (http:\/\/\S+)/);
      if (match?.[1]) {
        resolve(match[1]);
        seen = undefined;
      }
    });
    child.once('exit', (code) => reject(new Error(`${impl} child exited with ${code}`)));
  });

  let seq = 0;
  const pending = new Map<number, (reply: ChildReply) => void>();
  child.on('message', (reply: ChildReply) => {
    pending.get(reply.seq)?.(reply);
    pending.delete(reply.seq);
  });
  const ask = (cmd: 'stats' | 'reset-peak') =>
    new Promise<ChildReply>((resolve) => {
      const message: ChildRequest = { cmd, seq: ++seq };
      pending.set(message.seq, resolve);
      child.send(message);
    });

  return {
    impl,
    pid: child.pid!,
    url,
    command: `node ${args.join(' ')}`,
    stats: () => ask('stats'),
    resetPeak: () => ask('reset-peak'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ cmd: 'stop', seq: ++seq } satisfies ChildRequest);
      }),
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}
