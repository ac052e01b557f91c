import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCli } from '../../simulator/cli/options.js';
import { createIdCodec } from '../../simulator/data/ids.js';
import type { Simulator } from '../../simulator/index.js';
import { signedCall } from '../support/simulator-helpers.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cli = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'simulator/main.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    timeout: 20_000,
  });

const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
});

function start(args: string[]): Promise<{ child: ChildProcess; url: string; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'simulator/main.ts', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/\S+)/.exec(output)?.[1];
      if (url && /try:/.test(output)) resolve({ child, url, output });
    });
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
}

describe('npm run simulator', () => {
  it('documents its flags with --help', () => {
    const res = cli(['--help']);
    expect(res.status).toBe(0);
    for (const flag of [
      '--port',
      '--project',
      '--token',
      '--ak',
      '--sk',
      '--jobs',
      '--seed',
      '--latency-ms',
      '--clock',
      '--fault',
      '--rate-limit',
    ])
      expect(res.stdout).toContain(flag);
    expect(res.stdout).toMatch(/progress-data/);
  });

  it('refuses a bad flag or fault with a message and the usage, exit code 2', () => {
    const unknown = cli(['--nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/Unknown option '--nope'/);
    expect(unknown.stderr).toContain('Usage: npm run simulator');
    const fault = cli(['--fault', 'batch-detail=418']);
    expect(fault.status).toBe(2);
    expect(fault.stderr).toMatch(/unknown fault step "418"/);
  });

  it('prints its URL and serves the scripted faults and credentials it was given', async () => {
    const project = 'ab'.repeat(16);
    const { child, url, output } = await start([
      '--port',
      '0',
      '--project',
      project,
      '--token',
      'tok-1',
      '--ak',
      'CLIAK0000000000000001',
      '--sk',
      'cli-secret',
      '--clock',
      'manual',
      '--fault',
      'batch-detail=503,ok',
    ]);
    expect(output).toContain(`project ${project}`);
    expect(output).toContain('AK/SK: CLIAK0000000000000001 / cli-secret');
    const job = createIdCodec(1, project).idAt(0);
    const post = () =>
      fetch(`${url}/v3/${project}/jobs/batch-detail`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-auth-token': 'tok-1' },
        body: JSON.stringify({ jobs: [job] }),
      });
    expect((await post()).status).toBe(503);
    expect([200, 400]).toContain((await post()).status); // 400 if the seeded job happens to be released
    const fake = { url } as Simulator;
    const key = { ak: 'CLIAK0000000000000001', sk: 'cli-secret', projectIds: [project] };
    const signed = await signedCall(fake, key, { path: `/v3/${project}/jobs/batch-progress`, body: { jobs: [job] } });
    expect(signed.json.results?.[0]?.job_id).toBe(job);
    expect((await (await fetch(`${url}/__admin/clock`)).json()).mode).toBe('manual');
    child.kill('SIGTERM');
  });
});

describe('parseCli', () => {
  it('reads the new flags and their SIM_* equivalents', () => {
    const parsed = parseCli(
      [
        '--clock',
        'manual',
        '--rate-limit',
        '5',
        '--fault',
        'batch-detail=429:1,ok@repeat',
        '--fault-latency',
        '*=50~20',
      ],
      { SIM_FAULTS: 'progress-data=reset', SIM_ADMIN_TOKEN: 'adm', SIM_AK: 'ENVAK00000000000000001', SIM_SK: 'envsk' },
    );
    expect(parsed).toMatchObject({
      kind: 'run',
      options: {
        clock: 'manual',
        rateLimit: 5,
        adminToken: 'adm',
        faults: { 'batch-detail': { steps: '429:1,ok', repeat: true }, '*': { latencyMs: 50, jitterMs: 20 } },
      },
    });
    expect(parsed.kind === 'run' && parsed.options.credentials?.[0]).toMatchObject({
      ak: 'ENVAK00000000000000001',
      sk: 'envsk',
    });
    const env = parseCli([], { SIM_FAULTS: 'progress-data=reset;async-job-detail=hang', SIM_CLOCK: 'manual' });
    expect(env.kind === 'run' && env.options.faults).toEqual({
      'progress-data': { steps: 'reset', repeat: false },
      'async-job-detail': { steps: 'hang', repeat: false },
    });
  });

  it('rejects inconsistent credentials and unknown fault targets', () => {
    expect(parseCli(['--ak', 'ONLYAK0000000000000001'], {})).toEqual({
      kind: 'error',
      message: '--ak and --sk go together',
    });
    expect(parseCli(['--ak', 'lower', '--sk', 'x'], {}).kind).toBe('error');
    expect(parseCli(['--fault', 'batch-rpo-and-rto=500'], {}).kind).toBe('error');
    expect(parseCli(['--fault-latency', 'batch-detail=fast'], {}).kind).toBe('error');
    expect(parseCli(['--clock', 'sundial'], {}).kind).toBe('error');
  });
});
