import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const PROJECT = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';

/** The environment of a new user: none of the gateway's variables set. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('DRS_') || key === 'PORT' || key === 'HOST') delete env[key];
  // A new user at a terminal gets pretty lines (LOG_FORMAT=auto); this pipe would get JSON.
  return { ...env, LOG_FORMAT: 'pretty', ...extra };
}

/** A working directory of its own, so a developer's `.env` in the repository never leaks in. */
function workDir(dotEnv?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'gateway-start-'));
  if (dotEnv !== undefined) writeFileSync(join(dir, '.env'), dotEnv);
  return dir;
}

function startGateway(env: Record<string, string>, cwd = workDir()): ChildProcess {
  const child = spawn(process.execPath, ['--import', tsx, join(root, 'src/main.ts')], {
    cwd,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.once('exit', () => rmSync(cwd, { recursive: true, force: true }));
  return child;
}

function waitForOutput(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve(seen);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => (pattern.test(seen) ? resolve(seen) : reject(new Error(`exited ${code}: ${seen}`))));
  });
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => (child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve)));
}

describe('npm start on the embedded simulator', () => {
  let child: ChildProcess;
  let output: string;
  let url: string;
  beforeAll(async () => {
    child = startGateway({ PORT: '0', SHUTDOWN_DELAY_MS: '1000' });
    output = await waitForOutput(child, /seeded job ids:(\n\s+\S+){5}/);
    url = output.match(/GraphiQL at (http:\/\/\S+)/)![1]!;
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the GraphiQL URL, the upstream, the credential and auth modes, and seeded job ids', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    // AUTH_MODE=none with a credential of the gateway's own: one loud line says who can read what.
    expect(output).toMatch(/AUTH_MODE=none: anyone who can reach 127\.0\.0\.1:\d+ can read DRS jobs/);
    expect(output).toMatch(
      /INFO: Upstream: built-in DRS simulator at http:\/\/127\.0\.0\.1:\d+ \(project [0-9a-f]{32}\)$/m,
    );
    expect(output).toContain("DRS credentials: callers' X-Auth-Token, else the built-in simulator's token");
    expect(output).toMatch(/INFO: Inbound auth: AUTH_MODE=\S+$/m);
    expect(output).toContain('Configuration: environment (no .env file)');
    // The simulator's generated token is never shown.
    expect(output).not.toMatch(/MIIgw-/);
  });

  it('is ready once it serves, with /health beside it', async () => {
    const base = url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health`)).status).toBe(200);
    const ready = await fetch(`${base}/readiness`);
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { status: string }).status).toBe('ready');
  });

  it('serves a self-contained GraphiQL whose example queries return jobs without credentials', async () => {
    const page = await fetch(url, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    // No asset is loaded from elsewhere: the page works offline.
    expect(html).not.toMatch(/<script[^>]+src=["']?https?:/i);
    expect(html).not.toMatch(/<link[^>]+href=["']?https?:/i);
    const options = JSON.parse(
      html.match(/renderYogaGraphiQL\(\s*window\.document\.querySelector\('#root'\),\s*(\{.*\}),\s*\);/s)![1]!,
    );
    const ids = [...output.matchAll(/^\s+([0-9a-z]{8}-[0-9a-z-]{27})$/gm)].map((m) => m[1]);
    expect(ids).toHaveLength(5);
    // First tab: discovery (jobList with its variables); second: the dashboard over the seeded ids.
    const [discover, dashboard] = options.defaultTabs as { query: string; variables?: string }[];
    expect(options.defaultQuery).toBe(discover!.query);
    expect(options.defaultEditorToolsVisibility).toBe('variables');
    const listed = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: discover!.query, variables: JSON.parse(discover!.variables!) }),
    });
    const found = (await listed.json()) as {
      data: { jobList: { totalCount: number; nodes: { id: string; progress: { percent: number } }[] } };
      errors?: unknown;
    };
    expect(found.errors).toBeUndefined();
    expect(found.data.jobList.nodes).toHaveLength(10);
    expect(found.data.jobList.totalCount).toBeGreaterThan(10);
    for (const job of found.data.jobList.nodes) expect(job.progress.percent).toBeGreaterThanOrEqual(0);
    for (const id of ids) expect(dashboard!.query).toContain(id);

    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: dashboard!.query }),
    });
    const body = (await res.json()) as {
      data: { jobs: { id: string; progress: unknown; structDetail: unknown }[] };
      errors?: unknown;
    };
    expect(body.errors).toBeUndefined();
    expect(body.data.jobs.map((j) => j.id)).toEqual(ids);
    for (const job of body.data.jobs) {
      expect(job.progress).not.toBeNull();
      expect(job.structDetail).not.toBeNull();
    }
  });

  it('keeps the embedded simulator’s admin routes off (no faults scripted, no call log read)', async () => {
    const simulator = output.match(/simulator at (http:\/\/\S+)/)![1]!;
    for (const path of ['/__admin/calls', '/__admin/faults']) {
      const res = await fetch(`${simulator}${path}`);
      expect(res.status, path).toBe(404);
      await res.arrayBuffer();
    }
  });

  it('on SIGTERM answers readiness 503 while it drains SHUTDOWN_DELAY_MS, then stops cleanly', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const signalled = Date.now();
    child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const draining = await fetch(url.replace(/\/graphql$/, '/readiness'));
    expect(draining.status).toBe(503);
    expect(((await draining.json()) as { checks: { shuttingDown: boolean } }).checks.shuttingDown).toBe(true);
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1000);
  });
});

describe('start-up with a bad configuration', () => {
  it('exits 2 with a message naming the variable', async () => {
    const child = startGateway({ DRS_BATCH_SIZE: 'lots' });
    const output = await waitForOutput(child, /Configuration error/);
    expect(await exitCode(child)).toBe(2);
    expect(output).toContain('DRS_BATCH_SIZE must be a whole number');
  });
});

describe('start-up configuration', () => {
  it('reads .env from the working directory, with the environment winning over it', async () => {
    const dotEnv = [
      'DRS_ENDPOINT=http://127.0.0.1:9',
      `DRS_PROJECT_ID=${PROJECT}`,
      'DRS_AK=AKFROMDOTENV',
      'DRS_SK=sk-from-dotenv-never-shown',
      'PORT=0',
      'DRS_LANGUAGE=klingon',
    ].join('\n');
    // DRS_LANGUAGE=klingon would stop the start: the shell's value must be the one read.
    const child = startGateway({ DRS_LANGUAGE: 'zh-cn' }, workDir(dotEnv));
    try {
      const output = await waitForOutput(child, /Configuration: .*/);
      expect(output).toContain(`Upstream: http://127.0.0.1:9 (project ${PROJECT})`);
      expect(output).toContain("DRS credentials: callers' X-Auth-Token, else AK/SK (DRS_AK/DRS_SK) signing");
      expect(output).toContain('Configuration: environment + .env (the environment wins)');
      expect(output).not.toContain('sk-from-dotenv-never-shown');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it("says when DRS calls carry only the callers' tokens", async () => {
    const child = startGateway({ DRS_ENDPOINT: 'http://127.0.0.1:9', DRS_PROJECT_ID: PROJECT, PORT: '0' });
    try {
      const output = await waitForOutput(child, /Configuration: .*/);
      expect(output).toContain(
        "DRS credentials: callers' X-Auth-Token only (neither DRS_AUTH_TOKEN nor DRS_AK/DRS_SK is set)",
      );
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('exits 1 with one line naming PORT when the port is taken', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const env = {
        DRS_ENDPOINT: 'http://127.0.0.1:9',
        DRS_PROJECT_ID: PROJECT,
        HOST: '127.0.0.1',
        PORT: String(port),
      };
      const child = startGateway(env);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      expect(await exitCode(child)).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([
        `Cannot listen on 127.0.0.1:${port}: the port is in use; set PORT (or HOST) to a free one`,
      ]);
    } finally {
      taken.close();
    }
  });
});
