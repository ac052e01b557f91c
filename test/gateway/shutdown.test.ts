import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { createClient } from 'graphql-ws';
import { Client, request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';

const root = fileURLToPath(new URL('../..', import.meta.url));
const JOB = '24834eb6-be30-464e-a299-f7aa730jb101';

/**
 * SIGTERM on the process `npm start` runs, in front of a DRS that accepts every request and never
 * answers: open streams must end properly, new connections be refused at once, and the hung
 * operation must not hold the exit past SHUTDOWN_TIMEOUT_MS.
 */
describe('graceful shutdown', () => {
  let hung: Server | undefined;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    hung?.closeAllConnections();
    await new Promise<void>((resolve) => (hung ? hung.close(() => resolve()) : resolve()));
  });

  it('ends SSE and graphql-ws streams, refuses new connections, and exits 0 despite a hung upstream', async () => {
    hung = createServer(() => {});
    await new Promise<void>((resolve) => hung!.listen(0, '127.0.0.1', resolve));
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([key]) => !/^(DRS_|PORT$|HOST$|AUTH_|METRICS)/.test(key)),
    );
    child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: {
        ...env,
        PORT: '0',
        HOST: '127.0.0.1',
        DRS_ENDPOINT: `http://127.0.0.1:${(hung.address() as AddressInfo).port}`,
        DRS_PROJECT_ID: '0a1b2c3d4e5f60718293a4b5c6d7e8f9',
        DRS_AUTH_TOKEN: 'MIIshutdown-test',
        DRS_POLL_INTERVAL_MS: '200',
        SHUTDOWN_TIMEOUT_MS: '1500',
        LOG_FORMAT: 'pretty',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = output.match(/GraphiQL at (http:\/\/[^\s"]+)/);
        if (match) resolve(match[1]!);
      };
      child!.stdout?.on('data', onData);
      child!.stderr?.on('data', onData);
      child!.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const subscription = JSON.stringify({ query: `subscription { jobProgress(ids: ["${JOB}"]) { percent } }` });
    const sse = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: subscription,
    });
    expect(sse.statusCode).toBe(200);
    const sseText = sse.body.text();
    const ws = new WebSocket(url.replace('http:', 'ws:'), 'graphql-transport-ws');
    const wsClosed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    const client = createClient({
      url: url.replace('http:', 'ws:'),
      webSocketImpl: WebSocket,
      lazy: true,
      retryAttempts: 0,
    });
    const wsEnded = new Promise<string>((resolve) => {
      client.subscribe(
        { query: `subscription { jobProgress(ids: ["${JOB}"]) { percent } }` },
        { next: () => {}, error: () => resolve('error'), complete: () => resolve('complete') },
      );
    });
    await new Promise((resolve) => ws.once('open', resolve));
    // A query whose DRS call will never be answered.
    const inFlight = request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ job(id: "${JOB}") { id } }` }),
    }).then(
      (res) => res.statusCode,
      () => 'cut',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    const started = performance.now();
    child.kill('SIGTERM');
    // The SSE stream ends with its completion event, well before the timeout.
    const text = await sseText;
    expect(text).toContain('event: complete');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(await wsClosed).toBe(1001);
    expect(['complete', 'error']).toContain(await wsEnded);
    // No new connection is taken once SIGTERM arrived (a fresh client: the shared one may hold a
    // keep-alive socket from the SSE request).
    const fresh = new Client(new URL(url).origin);
    await expect(
      fresh.request({ path: '/graphql', method: 'GET', headers: { accept: 'application/json' } }),
    ).rejects.toThrow();
    await fresh.close().catch(() => {});
    expect(await exited).toBe(0);
    const took = performance.now() - started;
    expect(took).toBeGreaterThan(1_400);
    expect(took).toBeLessThan(5_000);
    expect(await inFlight).toBe('cut');
    expect(output).toMatch(/SHUTDOWN_TIMEOUT_MS=1500/);
    await client.dispose();
  }, 30_000);
});
