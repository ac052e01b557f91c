import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defaultProjects } from '../simulator/data/projects.js';

export interface SimulatorProcess {
  url: string;
  projectId: string;
  token: string;
  /** The exact command line, for the bench's printed settings. */
  command: string;
  stop(): Promise<void>;
  /** Synchronous last resort for process exit. */
  kill(): void;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts `npm run simulator` in its own process, so its CPU is never counted as the gateway's. */
export async function spawnSimulator(args: string[] = []): Promise<SimulatorProcess> {
  const argv = ['--import', 'tsx', 'simulator/main.ts', '--port', '0', ...args];
  const child: ChildProcess = spawn(process.execPath, argv, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(/listening on (http:\/\/\S+)/);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const [project] = defaultProjects(1);
  return {
    url,
    projectId: project!.projectId,
    token: project!.token,
    command: `node ${argv.join(' ')}`,
    kill: () => {
      if (child.exitCode === null) child.kill('SIGKILL');
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Whether this checkout's simulator CLI lists `flag` in its --help (the simulator evolves beside the bench). */
export function simulatorSupports(flag: string): boolean {
  const help = spawnSync(process.execPath, ['--import', 'tsx', 'simulator/main.ts', '--help'], {
    cwd: root,
    encoding: 'utf8',
  });
  return help.stdout.includes(flag);
}
