import { spawnSync } from 'node:child_process';
import * as undici from 'undici';
import { describe, expect, it } from 'vitest';
import { Agent, errors } from '../../src/drs/undici.js';

describe('the undici parts the DRS client loads', () => {
  it('are the classes undici itself exports', () => {
    expect(Agent).toBe(undici.Agent);
    expect(errors).toBe(undici.errors);
    expect(new errors.RequestAbortedError()).toBeInstanceOf(undici.errors.UndiciError);
  });

  it("keep undici's index (fetch, WebSocket, caches, mocks) out of the gateway process", () => {
    const script = `
      await import('./src/app.ts');
      await import('./src/drs/dispatcher.ts');
      const { createRequire } = await import('node:module');
      const loaded = Object.keys(createRequire(import.meta.url).cache).filter((f) => f.includes('/node_modules/undici/'));
      console.log(JSON.stringify({ agent: loaded.some((f) => f.endsWith('lib/dispatcher/agent.js')), index: loaded.some((f) => f.endsWith('undici/index.js')) }));`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({ agent: true, index: false });
  });
});
