import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { version } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GRAPHQL_CHECKED } from '../../src/execution/graphql-contract.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONTRACT = 'src/execution/graphql-contract.ts';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe("the planned executor's contract with graphql-js", () => {
  it('was checked against the graphql installed', () => {
    expect(
      version,
      `graphql ${version} is installed, but ${CONTRACT} was checked against ${GRAPHQL_CHECKED}: re-check the ` +
        'internals and rules listed at its top against node_modules/graphql/execution/*.js, run ' +
        'test/gateway/planned-executor.test.ts (the differential test), then set GRAPHQL_CHECKED',
    ).toBe(GRAPHQL_CHECKED);
  });

  it('is the one module under src/ that imports graphql-js internals (deep paths)', () => {
    const deep = sources(join(root, 'src'))
      .filter((file) => /from 'graphql\/[^']+'/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file));
    expect(deep).toContain(CONTRACT);
    expect(deep.filter((file) => file !== CONTRACT)).toEqual([]);
  });
});
