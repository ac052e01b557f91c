import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { defaultProjects } from '../simulator/projects.js';

export interface SimulatorProcess {
  url: string;
  projectId: string;
  token: string;
  stop(): Promise<void>;
  /** Synchronous last resort for process exit. */
  kill(): void;
}

const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts `npm run simulator` in its own process, so its CPU is never counted as the gateway's. */
export async function spawnSimulator(args: string[] = []): Promise<SimulatorProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', 'simulator/main.ts', '--port', '0', ...args],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
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
