import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Reads a documented DRS response from test/fixtures. */
export function fixture<T = any>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export interface Canned {
  status: number;
  body: unknown;
}

type FixtureApi = 'batch-detail' | 'batch-progress' | 'batch-struct-detail' | 'progress-data' | 'async-job-detail';

function apiOf(url: string): FixtureApi {
  const path = url.split('?')[0]!;
  if (path.includes('/progress-data/')) return 'progress-data';
  if (path.includes('/batch-async-jobs/')) return 'async-job-detail';
  return path.match(/(batch-detail|batch-progress|batch-struct-detail)$/)?.[1] as FixtureApi;
}

/**
 * A tiny DRS stand-in that answers each API with a fixed documented body, so the gateway's mapping
 * of exact real responses is tested over HTTP. Behaviour lives in the simulator, not here.
 */
export async function startFixtureUpstream(answers: Partial<Record<FixtureApi, Canned>>) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const canned = answers[apiOf(req.url ?? '')] ?? {
        status: 404,
        body: { error_code: 'APIGW.0101', error_msg: 'not found' },
      };
      res.writeHead(canned.status, { 'content-type': 'application/json', 'x-request-id': 'f'.repeat(32) });
      res.end(typeof canned.body === 'string' ? canned.body : JSON.stringify(canned.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
