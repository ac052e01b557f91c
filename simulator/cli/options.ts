import { parseArgs } from 'node:util';
import { defaultCredentials } from '../aksk/credentials.js';
import { defaultProjects } from '../data/projects.js';
import { FaultSyntaxError } from '../faults/plan.js';
import type { SimulatorOptions } from '../http/server.js';
import { addFaultFlag, addLatencyFlag, envList, type FaultPlans } from './faults.js';

export { CLI_USAGE } from './usage.js';

export type CliResult =
  | { kind: 'run'; options: SimulatorOptions }
  | { kind: 'help' }
  | { kind: 'error'; message: string };

class CliError extends Error {}

function number(name: string, raw: string | undefined, fallback: number, min: number, max: number, int = true): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || Number.isNaN(value) || (int && !Number.isInteger(value)) || value < min || value > max) {
    const what = int ? 'an integer' : 'a number';
    throw new CliError(`${name} must be ${what} between ${min} and ${max}, got "${raw}"`);
  }
  return value;
}

function flag(raw: string | undefined): boolean {
  return raw !== undefined && ['1', 'true', 'yes', 'on'].includes(raw.toLowerCase());
}

const OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  project: { type: 'string' },
  token: { type: 'string' },
  ak: { type: 'string' },
  sk: { type: 'string' },
  jobs: { type: 'string' },
  seed: { type: 'string' },
  clock: { type: 'string' },
  'clock-speed': { type: 'string' },
  'latency-ms': { type: 'string' },
  shuffle: { type: 'boolean' },
  'progress-status': { type: 'string' },
  'released-rate': { type: 'string' },
  'rate-limit': { type: 'string' },
  fault: { type: 'string', multiple: true },
  'fault-latency': { type: 'string', multiple: true },
  'no-lockout': { type: 'boolean' },
  'admin-token': { type: 'string' },
  'no-admin': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Turns argv + env into simulator options; flags win over env. Never exits or prints. */
export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliResult {
  try {
    const { values: v } = parseArgs({ args: [...argv], strict: true, allowPositionals: false, options: OPTIONS });
    if (v.help) return { kind: 'help' };
    const seed = number('--seed', v.seed ?? env.SIM_SEED, 1, -(2 ** 31), 2 ** 31 - 1);
    const projects = defaultProjects(seed);
    const [first] = projects;
    const project = v.project ?? env.SIM_PROJECT;
    const token = v.token ?? env.SIM_TOKEN;
    if (project !== undefined && first) {
      if (!/^[0-9a-f]{32}$/.test(project))
        throw new CliError(`--project must be 32 lowercase hex characters, got "${project}"`);
      first.projectId = project;
    }
    if (token !== undefined && first) {
      if (token.length === 0) throw new CliError('--token must not be empty');
      first.token = token;
    }
    const credentials = defaultCredentials(
      seed,
      projects.map((p) => p.projectId),
    );
    const ak = v.ak ?? env.SIM_AK;
    const sk = v.sk ?? env.SIM_SK;
    if ((ak === undefined) !== (sk === undefined)) throw new CliError('--ak and --sk go together');
    if (ak !== undefined && sk !== undefined && credentials[0]) {
      if (!/^[A-Z0-9]{4,64}$/.test(ak))
        throw new CliError(`--ak must be 4–64 upper-case letters or digits, got "${ak}"`);
      if (sk.length === 0) throw new CliError('--sk must not be empty');
      Object.assign(credentials[0], { ak, sk });
    }
    const clock = v.clock ?? env.SIM_CLOCK ?? 'real';
    if (clock !== 'real' && clock !== 'manual') throw new CliError(`--clock must be real or manual, got "${clock}"`);
    const faults: FaultPlans = {};
    for (const f of v.fault ?? envList(env.SIM_FAULTS)) addFaultFlag(faults, f);
    for (const f of v['fault-latency'] ?? envList(env.SIM_FAULT_LATENCY)) addLatencyFlag(faults, f);
    const progressStatus = number('--progress-status', v['progress-status'] ?? env.SIM_PROGRESS_STATUS, 202, 200, 202);
    if (progressStatus !== 200 && progressStatus !== 202) throw new CliError('--progress-status must be 200 or 202');
    const adminToken = v['admin-token'] ?? env.SIM_ADMIN_TOKEN;
    const options: SimulatorOptions = {
      host: v.host ?? env.SIM_HOST ?? '127.0.0.1',
      port: number('--port', v.port ?? env.SIM_PORT, 8090, 0, 65535),
      jobs: number('--jobs', v.jobs ?? env.SIM_JOBS, 1000, 0, 2 ** 32),
      seed,
      clock,
      clockSpeed: number('--clock-speed', v['clock-speed'] ?? env.SIM_CLOCK_SPEED, 1, 0.001, 1_000_000, false),
      latencyMs: number('--latency-ms', v['latency-ms'] ?? env.SIM_LATENCY_MS, 0, 0, 600_000),
      shuffle: v.shuffle ?? flag(env.SIM_SHUFFLE),
      progressStatus,
      releasedRate: number('--released-rate', v['released-rate'] ?? env.SIM_RELEASED_RATE, 0.02, 0, 1, false),
      rateLimit: number('--rate-limit', v['rate-limit'] ?? env.SIM_RATE_LIMIT, 0, 0, 1_000_000),
      akLockout: !(v['no-lockout'] ?? flag(env.SIM_NO_LOCKOUT)),
      admin: !(v['no-admin'] ?? flag(env.SIM_NO_ADMIN)),
      projects,
      credentials,
      faults,
    };
    if (adminToken !== undefined) options.adminToken = adminToken;
    return { kind: 'run', options };
  } catch (error) {
    const known = error instanceof CliError || error instanceof FaultSyntaxError;
    if (known || (error instanceof TypeError && 'code' in error)) return { kind: 'error', message: error.message };
    throw error;
  }
}
