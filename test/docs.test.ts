import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GATEWAY_NODE_FLAGS } from '../bench/gateway-child.js';
import { CODE_TABLE } from '../src/error-codes.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

describe('documentation stays true', () => {
  const variables = [...read('src/config.ts').matchAll(/\(env, '([A-Z_]+)'/g)].map((m) => m[1]!);

  it('documents every environment variable in the README and .env.example', () => {
    expect(variables.length).toBeGreaterThan(20);
    const readme = read('README.md');
    const example = read('.env.example');
    expect(variables.filter((name) => !readme.includes(name))).toEqual([]);
    expect(variables.filter((name) => !example.includes(`${name}=`))).toEqual([]);
  });

  it('runs the gateway with the same node flags in npm start, the Dockerfile and the bench', () => {
    const start = JSON.parse(read('package.json')).scripts.start as string;
    const docker = read('Dockerfile');
    expect(start).toContain(`node ${GATEWAY_NODE_FLAGS.join(' ')} dist/src/main.js`);
    expect(docker).toContain(
      `["node", ${GATEWAY_NODE_FLAGS.map((flag) => `"${flag}"`).join(', ')}, "dist/src/main.js"]`,
    );
  });

  it('lists every mapped DRS and API-gateway code in the README error table', () => {
    const readme = read('README.md');
    const codes = [...CODE_TABLE.keys()].filter((code) => !code.startsWith('LOCAL.'));
    const missing = codes.filter((code) => {
      const [prefix, suffix] = code.split('.') as [string, string];
      // Ranges such as `M00200`–`M00202` count when the code's neighbours are listed with a dash.
      return !readme.includes(code) && !readme.includes(`\`${suffix}\``) && !inRange(readme, prefix, suffix);
    });
    expect(missing).toEqual([]);
  });
});

function inRange(readme: string, _prefix: string, suffix: string): boolean {
  for (const match of readme.matchAll(/`(M\d{5})`[–-]`(M\d{5})`/g)) {
    if (suffix >= match[1]! && suffix <= match[2]!) return true;
  }
  return false;
}
