import { parseArgs } from 'node:util';
import { defaultProjects } from './projects.js';
import type { SimulatorOptions } from './server.js';

export const CLI_USAGE = `DRS simulator: the three DRS v3 batch query APIs over HTTP, with seeded data.

Usage: npm run simulator -- [options]

  --port <n>         port to listen on (0 = any free port)   env SIM_PORT        default 8090
  --host <addr>      address to bind                         env SIM_HOST        default 127.0.0.1
  --project <hex32>  replace the first project's ID          env SIM_PROJECT
  --token <token>    replace the first project's token       env SIM_TOKEN
  --jobs <n>         seeded jobs per project                 env SIM_JOBS        default 1000
  --seed <n>         data seed (same seed, same data)        env SIM_SEED        default 1
  --latency-ms <n>   delay before every answer               env SIM_LATENCY_MS  default 0
  --shuffle          answer results in random order         env SIM_SHUFFLE=1
  -h, --help         show this help
`;

export type CliResult =
  | { kind: 'run'; options: SimulatorOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

class CliError extends Error {}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new CliError(`${name} must be an integer between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function flag(raw: string | undefined): boolean {
  return raw !== undefined && ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

/** Turns argv + env into simulator options; flags win over env. Never exits or prints. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliResult {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        project: { type: 'string' },
        token: { type: 'string' },
        jobs: { type: 'string' },
        seed: { type: 'string' },
        'latency-ms': { type: 'string' },
        shuffle: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
    if (values.help) return { kind: 'help' };
    const seed = integer('--seed', values.seed ?? env.SIM_SEED, 1, -(2 ** 31), 2 ** 31 - 1);
    const projects = defaultProjects(seed);
    const [first] = projects;
    const project = values.project ?? env.SIM_PROJECT;
    const token = values.token ?? env.SIM_TOKEN;
    if (project !== undefined && first) {
      if (!/^[0-9a-f]{32}$/.test(project))
        throw new CliError(`--project must be 32 lowercase hex characters, got "${project}"`);
      first.projectId = project;
    }
    if (token !== undefined && first) {
      if (token.length === 0) throw new CliError('--token must not be empty');
      first.token = token;
    }
    return {
      kind: 'run',
      options: {
        host: values.host ?? env.SIM_HOST ?? '127.0.0.1',
        port: integer('--port', values.port ?? env.SIM_PORT, 8090, 0, 65535),
        jobs: integer('--jobs', values.jobs ?? env.SIM_JOBS, 1000, 0, 2 ** 32),
        seed,
        latencyMs: integer('--latency-ms', values['latency-ms'] ?? env.SIM_LATENCY_MS, 0, 0, 600_000),
        shuffle: values.shuffle ?? flag(env.SIM_SHUFFLE),
        projects,
      },
    };
  } catch (error) {
    if (error instanceof CliError || (error instanceof TypeError && 'code' in error))
      return { kind: 'error', message: error.message };
    throw error;
  }
}
