import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, validate } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { GATEWAY_NODE_FLAGS } from '../../bench/gateway-child.js';
import { AUTH_VARIABLES } from '../../src/auth/auth-config.js';
import { loadConfig } from '../../src/config.js';
import type { Env } from '../../src/config-env.js';
import { CODE_TABLE, RETRYABLE } from '../../src/error-codes.js';
import { schema } from '../../src/schema/index.js';

// The repository root: the nearest folder above this file holding package.json (survives a move of test files).
let root = dirname(fileURLToPath(import.meta.url));
while (!existsSync(join(root, 'package.json'))) root = dirname(root);
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const isDir = (path: string) => existsSync(join(root, path)) && statSync(join(root, path)).isDirectory();
const files = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(`${dir}/${e.name}`) : [`${dir}/${e.name}`],
  );
const subfolders = (dir: string) =>
  readdirSync(join(root, dir), { withFileTypes: true })
    .filter((e) => e.isDirectory() && e.name !== 'node_modules' && !e.name.startsWith('.'))
    .map((e) => `${dir}/${e.name}/`);

const README = read('README.md');
const DOCS = ['README.md', 'bench/README.md', 'simulator/README.md', ...files('docs').filter((f) => f.endsWith('.md'))];

/** Markdown outside fenced code blocks. */
const prose = (text: string) => text.replace(/^```[\s\S]*?^```/gm, '');
/** GitHub's anchor for a heading: lowercase, punctuation dropped, each space a hyphen. */
const slug = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
const anchors = (text: string) => new Set([...prose(text).matchAll(/^#{1,6} (.+)$/gm)].map((m) => slug(m[1]!.trim())));

/** Every environment variable src/ reads: by name in the source, and by recording what loadConfig asks for. */
function variablesRead(): string[] {
  const names = new Set<string>(AUTH_VARIABLES);
  for (const file of files('src').filter((f) => f.endsWith('.ts'))) {
    const text = read(file);
    for (const m of text.matchAll(/\(env, '([A-Z][A-Z0-9_]*)'/g)) names.add(m[1]!);
    for (const m of text.matchAll(/\b(?:env|process\.env)\.([A-Z][A-Z0-9_]*)/g)) names.add(m[1]!);
  }
  for (const base of BASES) {
    const recorder = new Proxy({ ...base } as Env, {
      get: (target, key) => {
        if (typeof key === 'string' && /^[A-Z][A-Z0-9_]*$/.test(key)) names.add(key);
        return typeof key === 'string' ? target[key] : undefined;
      },
    });
    loadConfig(recorder);
  }
  return [...names].sort();
}

/** Environments in which each AUTH_MODE's variables apply (api-key needs a keys file to read). */
const keysDir = mkdtempSync(join(tmpdir(), 'docs-test-'));
writeFileSync(join(keysDir, 'keys.json'), JSON.stringify({ ['a'.repeat(64)]: { projects: ['*'] } }));
afterAll(() => rmSync(keysDir, { recursive: true, force: true }));
const BASES: Env[] = [
  {},
  {
    AUTH_MODE: 'jwt',
    AUTH_JWKS_URL: 'https://idp.example.com/jwks.json',
    AUTH_JWT_ISSUER: 'https://idp.example.com/',
    AUTH_JWT_AUDIENCE: 'drs-gateway',
  },
  { AUTH_MODE: 'api-key', AUTH_API_KEYS_FILE: join(keysDir, 'keys.json') },
];

/** Whether setting `name` to `value` changes nothing, in the first mode where the variable applies. */
function isDefault(name: string, value: string): boolean {
  for (const base of BASES) {
    let config: string;
    try {
      config = JSON.stringify(loadConfig({ ...base, [name]: value }));
    } catch {
      continue;
    }
    return config === JSON.stringify(loadConfig(base));
  }
  return false;
}

describe('README', () => {
  it('stays short enough to read top to bottom', () => {
    expect(README.split('\n').length).toBeLessThanOrEqual(260);
  });

  it('gives the two set-up commands that package.json, its lock file and .ci/run support', () => {
    const block = /## Set up\n+```sh\n([\s\S]*?)```/.exec(README)?.[1] ?? '';
    const commands = block.split('\n').map((line) => line.replace(/#.*/, '').trim());
    expect(commands.filter(Boolean)).toEqual(['npm ci && npm start', 'npm ci && npm test']);
    const pkg = JSON.parse(read('package.json'));
    expect(pkg.scripts.start).toMatch(/^tsc -p tsconfig\.build\.json && .*node .*dist\/src\/main\.js$/);
    expect(pkg.scripts.test).toContain('vitest run');
    // npm ci refuses a lock file whose root dependencies differ from package.json's.
    const lockRoot = JSON.parse(read('package-lock.json')).packages[''];
    expect([lockRoot.dependencies, lockRoot.devDependencies]).toEqual([pkg.dependencies, pkg.devDependencies]);
    expect(read('.ci/run')).toMatch(/npm ci[\s\S]*npm test/);
    const { host, port } = loadConfig({});
    expect(block).toContain(`open http://${host}:${port}/graphql`);
    expect(README).toContain(`Node.js ${pkg.engines.node.replace('>=', '')} or later`);
  });

  it('runs the gateway with the same node flags in npm start, the Dockerfile and the bench', () => {
    const start = JSON.parse(read('package.json')).scripts.start as string;
    expect(start).toContain(`node ${GATEWAY_NODE_FLAGS.join(' ')} dist/src/main.js`);
    expect(read('Dockerfile')).toContain(
      `["node", ${GATEWAY_NODE_FLAGS.map((flag) => `"${flag}"`).join(', ')}, "dist/src/main.js"]`,
    );
  });

  it('shows GraphQL that validates against the schema (curl bodies and graphql blocks)', () => {
    const documents = ['README.md', 'docs/clients.md'].flatMap((path) => {
      const text = read(path);
      const bodies = [...text.matchAll(/ -d '(\{[\s\S]*?\})'/g)].map((m) => JSON.parse(m[1]!).query as string);
      return [...bodies, ...[...text.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!)];
    });
    expect(documents.length).toBeGreaterThanOrEqual(4);
    for (const document of documents) {
      expect(validate(schema, parse(document)).map((e) => e.message)).toEqual([]);
    }
  });
});

describe('configuration', () => {
  const variables = variablesRead();
  const reference = read('docs/configuration.md');

  it('documents every variable read under src/ in docs/configuration.md and .env.example', () => {
    expect(variables.length).toBeGreaterThan(80);
    expect(variables.filter((name) => !reference.includes(`\`${name}\``))).toEqual([]);
    expect(variables.filter((name) => !read('.env.example').includes(`${name}=`))).toEqual([]);
  });

  it('gives the defaults the code uses', () => {
    const rows = [...reference.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \| `([^`|]*)` \|/gm)].map(
      (m) => [m[1]!, m[2]!] as const,
    );
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.filter(([name, value]) => !isDefault(name, value))).toEqual([]);
  });

  it('keeps the README table to real variables and their defaults', () => {
    const section = /## Configuration\n([\s\S]*?)\n## /.exec(README)?.[1] ?? '';
    const rows = [...section.matchAll(/^\| (`[^|]*) \| ([^|]*) \|/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const [, nameCell, defaultCell] of rows) {
      const names = [...nameCell!.matchAll(/`([A-Z][A-Z0-9_]*)…?`/g)].map((m) => m[1]!);
      const values = [...defaultCell!.matchAll(/`([^`]*)`/g)].map((m) => m[1]!);
      expect(names.filter((name) => !variables.includes(name))).toEqual([]);
      // `PORT`, `HOST` | `4000`, `127.0.0.1`: defaults pair with names when both are listed.
      if (values.length === names.length) expect(names.filter((name, i) => !isDefault(name, values[i]!))).toEqual([]);
    }
  });
});

describe('errors', () => {
  const rows = (text: string) => [...text.matchAll(/^\| `([A-Z_]+)`(?:, `[A-Z_]+`)* \| (yes|no) \|/gm)];

  it('tables every extensions.code with its retryable flag in the README', () => {
    const listed = new Map(rows(README).map((m) => [m[1]!, m[2] === 'yes']));
    const codes = new Set<string>([...CODE_TABLE.values(), ...RETRYABLE, ...listed.keys()]);
    expect([...codes].filter((code) => listed.get(code) !== RETRYABLE.has(code as never))).toEqual([]);
  });

  it('lists every mapped DRS, API-gateway and local code in docs/errors.md', () => {
    const text = read('docs/errors.md');
    expect(rows(text).filter((m) => (m[2] === 'yes') !== RETRYABLE.has(m[1] as never))).toEqual([]);
    const missing = [...CODE_TABLE.keys()].filter((code) => {
      const suffix = code.slice(code.indexOf('.') + 1);
      // `M00200`–`M00202` counts for M00201.
      const inRange = [...text.matchAll(/`(M\d{5})`[–-]`(M\d{5})`/g)].some((r) => suffix >= r[1]! && suffix <= r[2]!);
      return !text.includes(code) && !text.includes(`\`${suffix}\``) && !inRange;
    });
    expect(missing).toEqual([]);
  });
});

describe('documentation map', () => {
  const map = read('docs/architecture.md');
  const named = [...map.matchAll(/(?<![\w./-])((?:src|simulator|test|bench|scripts|docs|examples)\/[\w./-]*)/g)].map(
    (m) => m[1]!.replace(/[.,]+$/, ''),
  );

  it('names only folders and files that exist in docs/architecture.md', () => {
    expect(named.length).toBeGreaterThan(40);
    expect(named.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  it('describes every folder of src/, simulator/, test/ and bench/', () => {
    const folders = ['src', 'simulator', 'test', 'bench'].flatMap(subfolders);
    expect(folders.filter((folder) => !named.includes(folder))).toEqual([]);
    expect(named.filter((path) => path.endsWith('/')).every((path) => isDir(path))).toBe(true);
  });

  it('has no broken relative link or anchor in the README and docs', () => {
    const broken: string[] = [];
    for (const doc of DOCS) {
      for (const m of prose(read(doc)).matchAll(/\]\(([^)\s]+)\)/g)) {
        const [target = '', anchor] = m[1]!.split('#');
        if (/^[a-z]+:/.test(target)) continue;
        const path = target === '' ? doc : normalize(join(dirname(doc), target));
        if (!existsSync(join(root, path))) broken.push(`${doc}: ${m[1]}`);
        else if (anchor && path.endsWith('.md') && !anchors(read(path)).has(anchor)) broken.push(`${doc}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
