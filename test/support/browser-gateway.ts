import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface SpawnedGateway {
  /** The GraphiQL URL the gateway printed, e.g. http://127.0.0.1:40123/graphql. */
  url: string;
  /** The seeded job ids it printed (the ones GraphiQL's default query lists). */
  jobIds: string[];
  /** Everything it wrote to stdout and stderr so far, for failure messages. */
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`; resolves with the exit code. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts `node --import tsx src/main.ts` as a new user would (PORT=0, no DRS_* variables, so the
 * embedded simulator) and resolves once it has printed its URL and seeded job ids. Only the
 * printed start-up lines are relied on, so the tests using it never reach into src/.
 */
export async function spawnGateway(timeoutMs = 20_000): Promise<SpawnedGateway> {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('DRS_') || key === 'PORT' || key === 'HOST') delete env[key];
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    // A user at a terminal gets pretty lines (LOG_FORMAT=auto); a pipe would get JSON.
    env: { ...env, PORT: '0', LOG_FORMAT: 'pretty' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let seen = '';
  const collect = (chunk: Buffer) => {
    seen += chunk.toString();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);

  const ready = /GraphiQL at (http:\/\/\S+)[\s\S]*seeded job ids:((?:\n\s+\S+){5})/;
  try {
    const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway not ready after ${timeoutMs} ms:\n${seen}`)), timeoutMs);
      const check = () => {
        const found = seen.match(ready);
        if (found) {
          clearTimeout(timer);
          resolve(found);
        }
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`gateway exited ${code} before it was ready:\n${seen}`));
      });
    });
    return {
      url: match[1]!,
      jobIds: match[2]!.trim().split(/\s+/),
      output: () => seen,
      stop: (graceMs) => stop(child, graceMs),
    };
  } catch (error) {
    await stop(child, 0);
    throw error;
  }
}

function stop(child: ChildProcess, graceMs = 5_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  });
}
