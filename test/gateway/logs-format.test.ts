import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { GraphQLError } from 'graphql';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { DrsError } from '../../src/drs/errors.js';
import { yogaLogger } from '../../src/logging/index.js';
import { startHarness } from '../support/harness.js';
import { captureLogs, operationLines } from '../support/log-capture.js';

describe('secrets are redacted wherever they sit in a logged object', () => {
  it('writes [Redacted] for every secret key, at any depth and in any case, and keeps their neighbours', () => {
    const logs = captureLogs('info');
    const secrets: string[] = [];
    const s = (name: string) => {
      const value = `SECRET-${name}-${secrets.length}`;
      secrets.push(value);
      return value;
    };
    logs.logger.info(
      {
        token: s('token'),
        authorization: s('authorization'),
        credentials: { auth: { kind: 'token', token: s('auth.token') }, projectId: 'p1' },
        akSk: { ak: 'AK-visible', sk: s('sk'), securityToken: s('securityToken') },
        req: {
          headers: {
            'x-auth-token': s('x-auth-token'),
            'X-Auth-Token': s('X-Auth-Token'),
            Authorization: s('Authorization'),
            'x-api-key': s('x-api-key'),
            'x-request-id': 'req-visible',
          },
        },
        job: {
          source_endpoint: {
            db_password: s('db_password'),
            ssl_cert_key: s('ssl_cert_key'),
            ssl_cert_name: 'cert-name',
          },
          tags: [{ key: 'tag-key', value: 'tag-value' }],
          deep: { a: { b: { password: s('password-depth-4'), certificate: s('certificate') } } },
        },
        endpoints: [{ password: s('password-in-array'), private_key: s('private_key') }],
        l1: { l2: { l3: { l4: { l5: { l6: { 'X-API-KEY': s('depth-7-upper-case') } } } } } },
        err: Object.assign(new Error('carries a credential'), { securityToken: s('error.securityToken') }),
      },
      'crafted',
    );
    // Below eight levels nothing is written at all (an object that refers to itself ends there too).
    const loop: Record<string, unknown> = { name: 'loop', token: s('loop.token') };
    loop.self = loop;
    logs.logger.info({ loop }, 'cycle');
    const tooDeep = { a: { b: { c: { d: { e: { f: { g: { h: { i: { password: s('depth-10') } } } } } } } } } };
    logs.logger.info(tooDeep, 'deep');
    const text = logs.text();
    for (const secret of secrets) expect(text).not.toContain(secret);
    const [crafted, cycle, deep] = text.trim().split('\n');
    expect(crafted!.match(/\[Redacted\]/g)).toHaveLength(secrets.length - 2);
    expect(cycle!.match(/\[Redacted\]/g)).toHaveLength(8);
    expect(cycle).toContain('"self":"[Object]"');
    expect(deep).toContain('"i":"[Object]"');
    expect(text).toContain('carries a credential');
    for (const kept of ['AK-visible', 'req-visible', 'cert-name', 'tag-key', 'tag-value', '"projectId":"p1"']) {
      expect(text).toContain(kept);
    }
  });
});

describe('structured DRS lines', () => {
  it('logs a circuit breaker move as one warn line, and calls it then refuses at debug', async () => {
    const logs = captureLogs('debug');
    const h = await startHarness({ DRS_BREAKER_FAILURES: '1', DRS_RETRY_MAX: '0' }, {}, { logger: logs.logger });
    try {
      h.sim.faults.set('batch-detail', { steps: '503', repeat: true });
      const [a, b] = h.sim.jobIds(h.projectId, 2);
      h.sim.resetCalls();
      await h.gqlRaw('query($id: ID!) { job(id: $id) { id } }', { id: a });
      await h.gqlRaw('query($id: ID!) { job(id: $id) { id } }', { id: b });
      const records = logs.since();
      expect(records.filter((r) => r.msg.startsWith('DRS circuit breaker'))).toEqual([
        expect.objectContaining({ level: 'warn', api: 'batch-detail', from: 'closed', to: 'open' }),
      ]);
      const failed = records.filter((r) => r.msg === 'DRS call failed');
      expect(failed.map((r) => [r.level, r.drsCode])).toEqual([
        ['warn', 'APIG.0202'],
        ['debug', 'LOCAL.CIRCUIT_OPEN'],
      ]);
      // The second call never reached DRS.
      expect(h.sim.calls).toHaveLength(1);
      expect(operationLines(records).map((r) => r.errorCodes)).toEqual([
        ['UPSTREAM_UNAVAILABLE'],
        ['UPSTREAM_UNAVAILABLE'],
      ]);
    } finally {
      await h.close();
    }
  });
});

describe("yoga's logging", () => {
  it('writes a masked bug at error with its stack, and an upstream error of one job at debug only', () => {
    const logs = captureLogs('debug');
    const yoga = yogaLogger(logs.logger);
    const bug = new GraphQLError('Unexpected error.', {
      originalError: new TypeError('x is undefined'),
      path: ['jobs', 0],
    });
    yoga.error(bug);
    const upstream = new DrsError({ message: 'down', status: 503, code: 'APIG.0202', requestId: 'drs-1', jobId: 'j1' });
    yoga.error(new GraphQLError('down', { originalError: upstream, path: ['jobs', 1] }));
    yoga.debug('Processing GraphQL Parameters');
    const [error, job, debug] = logs.since();
    expect(error).toMatchObject({ level: 'error', msg: 'unexpected error', path: ['jobs', 0] });
    expect(error!.err).toMatchObject({ type: 'TypeError', message: 'x is undefined' });
    expect(error!.err.stack).toMatch(/^TypeError: x is undefined\n\s+at /);
    expect(job).toMatchObject({ level: 'debug', code: 'UPSTREAM_UNAVAILABLE', drsRequestId: 'drs-1', jobId: 'j1' });
    expect(debug).toMatchObject({ level: 'debug', msg: 'Processing GraphQL Parameters' });
  });
});

describe('LOG_FORMAT', () => {
  it('is json, pretty or auto (the default), and names itself when wrong', () => {
    expect(loadConfig({}).logFormat).toBe('auto');
    expect(loadConfig({ LOG_FORMAT: 'JSON' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});

describe('the process writes JSON lines to stdout', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.exitCode === null) child.kill('SIGKILL');
  });

  it('banner and operation lines alike, one JSON object per line', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', LOG_FORMAT: 'json', LOG_LEVEL: 'info' };
    for (const key of Object.keys(env)) if (key.startsWith('DRS_')) delete env[key];
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    await vi.waitFor(() => expect(stdout).toContain('seeded job ids'), { timeout: 20_000, interval: 50 });
    const url = stdout.match(/GraphiQL at (http:\/\/[^\s"]+)/)![1]!;
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'spawned-1' },
      body: JSON.stringify({ query: 'query Ping { __typename }' }),
    });
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(stdout).toContain('spawned-1'), { timeout: 5_000, interval: 20 });
    const records = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.slice(0, 3).map((r) => [r.level, typeof r.time])).toEqual([
      ['info', 'string'],
      // AUTH_MODE=none while the embedded simulator's token is the gateway's own: said loudly.
      ['warn', 'string'],
      ['info', 'string'],
    ]);
    expect(records[0].msg).toMatch(/^DRS GraphQL gateway: GraphiQL at http/);
    expect(records[1].msg).toMatch(/^AUTH_MODE=none/);
    expect(operationLines(records)).toEqual([
      expect.objectContaining({ requestId: 'spawned-1', operationName: 'Ping', drsCalls: 0, errorCodes: [] }),
    ]);
    expect(stderr).toBe('');
  }, 30_000);
});
