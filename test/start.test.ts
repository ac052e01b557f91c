import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The environment of a new user: none of the gateway's variables set. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('DRS_') || key === 'PORT' || key === 'HOST') delete env[key];
  // A new user at a terminal gets pretty lines (LOG_FORMAT=auto); this pipe would get JSON.
  return { ...env, LOG_FORMAT: 'pretty', ...extra };
}

function startGateway(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: cleanEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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

describe('npm start on the embedded simulator', () => {
  let child: ChildProcess;
  let output: string;
  let url: string;
  beforeAll(async () => {
    child = startGateway({ PORT: '0' });
    output = await waitForOutput(child, /seeded job ids:(\n\s+\S+){5}/);
    url = output.match(/GraphiQL at (http:\/\/\S+)/)![1]!;
  });
  afterAll(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('prints the GraphiQL URL and seeded job ids', () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
    expect(output).toMatch(/built-in DRS simulator/);
    // AUTH_MODE=none with a credential of the gateway's own: one loud line says who can read what.
    expect(output).toMatch(/WARNING: AUTH_MODE=none: anyone who can reach 127\.0\.0\.1:\d+ can read DRS jobs/);
  });

  it('serves a self-contained GraphiQL whose example query returns jobs without credentials', async () => {
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
    for (const id of ids) expect(options.defaultQuery).toContain(id);

    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: options.defaultQuery }),
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

  it('stops cleanly on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

describe('start-up with a bad configuration', () => {
  it('exits 2 with a message naming the variable', async () => {
    const child = startGateway({ DRS_BATCH_SIZE: 'lots' });
    const output = await waitForOutput(child, /Configuration error/);
    const code = await new Promise<number | null>((resolve) =>
      child.exitCode !== null ? resolve(child.exitCode) : child.once('exit', resolve),
    );
    expect(code).toBe(2);
    expect(output).toContain('DRS_BATCH_SIZE must be a whole number');
  });
});
