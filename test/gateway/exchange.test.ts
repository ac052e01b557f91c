import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExchangeOptions, exchange } from '../../src/drs/exchange.js';

/** The DRS client's HTTP exchange against a real server that misbehaves on purpose. */
let server: Server;
let origin: string;
const agent = new Agent({ connections: 1 });

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/split') {
      // "é" is two bytes in UTF-8; the first chunk ends between them.
      const bytes = Buffer.from(JSON.stringify({ name: 'déjà vu' }));
      const cut = bytes.indexOf(0xc3) + 1;
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'r1' });
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.end(bytes.subarray(cut)), 5);
    } else if (req.url === '/cut') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      res.write('{"results":[');
      setTimeout(() => res.socket?.destroy(), 5);
    } else if (req.url === '/slow-body') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{');
    } else if (req.url === '/hang') {
      // Never answers.
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const options = (path: string, extra: Partial<ExchangeOptions> = {}): ExchangeOptions => ({
  origin,
  path,
  method: 'GET',
  headers: {},
  body: null,
  headersTimeout: 2_000,
  bodyTimeout: 2_000,
  signal: undefined,
  ...extra,
});

describe('exchange', () => {
  it('reads a body that arrives in pieces, a character split between them', async () => {
    const answer = await exchange(agent, options('/split'));
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['x-request-id']).toBe('r1');
    expect(JSON.parse(answer.text)).toEqual({ name: 'déjà vu' });
  });

  it('rejects with undici socket error when the body is cut off', async () => {
    await expect(exchange(agent, options('/cut'))).rejects.toMatchObject({ code: 'UND_ERR_SOCKET' });
  });

  it('rejects with a body timeout when the body stalls', async () => {
    await expect(exchange(agent, options('/slow-body', { bodyTimeout: 50 }))).rejects.toMatchObject({
      code: 'UND_ERR_BODY_TIMEOUT',
    });
  });

  it('rejects at once when its signal aborts, even while queued behind a hung call', async () => {
    const hung = new AbortController();
    const first = exchange(agent, options('/hang', { signal: hung.signal }));
    // One connection: this one waits in the queue behind the hung call.
    const queued = new AbortController();
    const second = exchange(agent, options('/split', { signal: queued.signal }));
    const started = Date.now();
    queued.abort();
    await expect(second).rejects.toMatchObject({ code: 'UND_ERR_ABORTED' });
    hung.abort();
    await expect(first).rejects.toMatchObject({ code: 'UND_ERR_ABORTED' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('rejects without sending anything when the signal has already aborted', async () => {
    await expect(exchange(agent, options('/split', { signal: AbortSignal.abort() }))).rejects.toMatchObject({
      code: 'UND_ERR_ABORTED',
    });
  });
});
