import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const children: ChildProcess[] = [];
let sim: Simulator;

/** `src/main.ts` as `npm start` runs it, with only the given gateway variables, in an empty directory. */
function startGateway(extra: Record<string, string>): { child: ChildProcess; output: Promise<string> } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('DRS_') || key === 'PORT' || key === 'HOST') delete env[key];
  const cwd = mkdtempSync(join(tmpdir(), 'gateway-iam-'));
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'src/main.ts')], {
    cwd,
    env: { ...env, LOG_FORMAT: 'pretty', PORT: '0', ...extra },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let seen = '';
  const output = new Promise<string>((resolve) => {
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (/IAM: (token obtained|no token)[^\n]*\n/.test(seen)) resolve(seen);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      rmSync(cwd, { recursive: true, force: true });
      resolve(`${seen}\n[exit ${code}]`);
    });
  });
  return { child, output };
}

function iamEnv(password: string): Record<string, string> {
  const user = sim.iamUsers[0]!;
  return {
    DRS_ENDPOINT: sim.url,
    DRS_IAM_ENDPOINT: sim.url,
    DRS_PROJECT_ID: sim.projects[0]!.projectId,
    DRS_IAM_USER: user.name,
    DRS_IAM_PASSWORD: password,
    DRS_IAM_DOMAIN: user.domain,
  };
}

beforeAll(async () => {
  sim = await startSimulator({ clock: 'manual' });
});
afterAll(async () => {
  const running = children.filter((child) => child.exitCode === null);
  await Promise.all(running.map((child) => new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'))));
  await sim.close();
});

describe('npm start with DRS_IAM_*', () => {
  it('gets its token at start and says so; a wrong password is named in the start-up lines', async () => {
    const good = startGateway(iamEnv(sim.iamUsers[0]!.password));
    const bad = startGateway(iamEnv('not-the-password'));
    const [ok, refused] = await Promise.all([good.output, bad.output]);
    expect(ok).toMatch(
      /INFO: DRS credentials: callers' X-Auth-Token, else IAM tokens of DRS_IAM_USER=sim-user from http:/,
    );
    expect(ok).toMatch(/INFO: IAM: token obtained for DRS_IAM_USER=sim-user, valid 24\.0 h; renewed in its last hour/);
    expect(refused).toMatch(
      /ERROR: IAM: no token for DRS_IAM_USER=sim-user: IAM refused the gateway's credential \(DRS_IAM_USER, DRS_IAM_PASSWORD, DRS_IAM_DOMAIN\): The username or password is wrong\./,
    );
    // Still serving (callers' own tokens work), never printing a secret.
    expect(refused).not.toContain('[exit');
    for (const text of [ok, refused]) {
      expect(text).not.toContain(sim.iamUsers[0]!.password);
      expect(text).not.toContain('not-the-password');
      expect(text).not.toMatch(/MIIiam/);
    }
    expect(
      sim.calls
        .filter((c) => c.api === 'iam-token')
        .map((c) => c.status)
        .sort(),
    ).toEqual([201, 401]);
  });

  it('exits 2 naming DRS_REGION when it is not a region id', async () => {
    const { output } = startGateway({ DRS_REGION: 'https://drs.cn-north-4.myhuaweicloud.com' });
    const text = await output;
    expect(text).toMatch(/Configuration error: DRS_REGION must be a Huawei Cloud region id such as cn-north-4/);
    expect(text).toContain('[exit 2]');
  });
});
