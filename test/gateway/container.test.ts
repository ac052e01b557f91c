import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The Dockerfile's stages, each as its `FROM` line and the instructions after it (continuations joined). */
function stages(dockerfile: string): { from: string; lines: string[] }[] {
  const lines = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const result: { from: string; lines: string[] }[] = [];
  for (const line of lines) {
    if (/^FROM\s/i.test(line)) result.push({ from: line, lines: [] });
    else result.at(-1)?.lines.push(line);
  }
  return result;
}

describe('Dockerfile', () => {
  const all = stages(read('Dockerfile'));
  const build = all[0]!;
  const runtime = all.at(-1)!;

  it('builds in one stage and runs in another', () => {
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(build.lines).toContain('RUN npm run build');
    expect(runtime.lines.some((line) => /^COPY --from=\S+ \/app\/dist \.\/dist$/.test(line))).toBe(true);
  });

  it('installs production dependencies only in the runtime stage, and copies none from the build', () => {
    const installs = runtime.lines.filter((line) => /\bnpm (ci|install|i)\b/.test(line));
    expect(installs.length).toBeGreaterThan(0);
    for (const line of installs) expect(line).toMatch(/\bnpm ci --omit=dev\b/);
    expect(runtime.lines.filter((line) => /^COPY --from=.*node_modules/.test(line))).toEqual([]);
    expect(runtime.lines.join('\n')).not.toMatch(/\btsx\b/);
  });

  it('runs as a non-root user, set before the command', () => {
    const users = runtime.lines.filter((line) => line.startsWith('USER '));
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^USER (root|0)(:|$)/);
    const cmd = runtime.lines.findIndex((line) => line.startsWith('CMD '));
    expect(runtime.lines.indexOf(users[0]!)).toBeLessThan(cmd);
  });
});

describe('.dockerignore', () => {
  it('keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['node_modules', 'dist', '.git', '.env', 'artifacts', 'bench/results']) {
      expect(ignored).toContain(entry);
    }
  });
});

/** Every package a compiled file imports: what the runtime stage's `npm ci --omit=dev` must provide. */
function importedPackages(dir: string): Set<string> {
  const found = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.js')) continue;
    const text = readFileSync(join(entry.parentPath, entry.name), 'utf8');
    for (const [, spec] of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)) {
      if (spec!.startsWith('.') || spec!.startsWith('node:') || builtinModules.includes(spec!)) continue;
      const parts = spec!.split('/');
      found.add(spec!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!);
    }
  }
  return found;
}

describe('the compiled output the image runs', () => {
  let out: string;
  const children: ChildProcess[] = [];
  beforeAll(() => {
    // Inside the repository, so the compiled files find node_modules as /app/dist does in the image.
    mkdirSync(join(root, '.scratch'), { recursive: true });
    out = mkdtempSync(join(root, '.scratch', 'image-build-'));
    execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json', '--outDir', out], { cwd: root });
  });
  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(out, { recursive: true, force: true });
  });

  it('imports only production dependencies', () => {
    const dependencies = Object.keys(JSON.parse(read('package.json')).dependencies);
    const imported = [...importedPackages(out)];
    expect(imported.length).toBeGreaterThan(5);
    // ws was a devDependency once: the image (npm ci --omit=dev) then had no graphql-ws at all.
    expect(imported.filter((name) => !dependencies.includes(name))).toEqual([]);
  });

  it('serves as the compose services do: the compiled simulator, and the gateway ready in front of it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'gateway-image-'));
    const project = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
    const sim = spawn(
      process.execPath,
      [join(out, 'simulator/main.js'), '--port', '0', '--project', project, '--token', 'image-test-token'],
      { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.push(sim);
    const simUrl = (await outputMatch(sim, /listening on (http:\/\/\S+)/))[1]!;
    expect((await fetch(`${simUrl}/health`)).status).toBe(200);
    const env = { ...process.env, DRS_ENDPOINT: simUrl, DRS_PROJECT_ID: project, DRS_AUTH_TOKEN: 'image-test-token' };
    const gateway = spawn(process.execPath, [join(out, 'src/main.js')], {
      cwd,
      env: { ...env, PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(gateway);
    const url = (await outputMatch(gateway, /GraphiQL at (http:\/\/\S+)\/graphql/))[1]!;
    const ready = await fetch(`${url}/readiness`);
    expect(ready.status).toBe(200);
    const calls = (await (await fetch(`${simUrl}/__admin/calls`)).json()) as { calls: { api: string }[] };
    expect(calls.calls.map((call) => call.api)).toEqual(['batch-progress']); // the one readiness probe
    rmSync(cwd, { recursive: true, force: true });
  });
});

function outputMatch(child: ChildProcess, pattern: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = seen.match(pattern);
      if (match) resolve(match);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${seen}`)));
  });
}
