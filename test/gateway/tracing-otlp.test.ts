import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The process as deployed: `src/main.ts` with an OTLP endpoint pointing at a small collector that
 * keeps what it is sent. The batch processor's delay is set past the test's length, so the spans can
 * only arrive through the flush on SIGTERM.
 */
interface Export {
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const exports: Export[] = [];
let collector: Server;
let child: ChildProcess;
let output = '';

beforeAll(async () => {
  collector = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      exports.push({ path: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString()) });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(DRS_|OTEL_|PORT$|HOST$)/.test(key)),
  ) as NodeJS.ProcessEnv;
  child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: root,
    env: {
      ...env,
      PORT: '0',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
      OTEL_SERVICE_NAME: 'drs-gw-test',
      LOG_FORMAT: 'pretty',
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const listening = /GraphiQL at (http:\/\/\S+)[\s\S]*seeded job ids:(\n\s+\S+){5}/;
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (listening.test(output)) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
});
afterAll(async () => {
  if (child?.exitCode === null) child.kill('SIGKILL');
  await new Promise<void>((resolve) => collector?.close(() => resolve()));
});

describe('traces exported over OTLP/HTTP', () => {
  it('sends the operation and its DRS calls to the collector when the process stops', async () => {
    const url = output.match(/GraphiQL at (http:\/\/\S+)/)![1]!;
    const ids = [...output.matchAll(/^\s+([0-9a-z]{8}-[0-9a-z-]{27})$/gm)].map((m) => m[1]!);
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Board($ids: [ID!]!) { jobs(ids: $ids) { id name } }', variables: { ids } }),
    });
    expect(((await res.json()) as any).data.jobs).toHaveLength(ids.length);
    expect(exports).toEqual([]);

    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);

    expect(exports).toHaveLength(1);
    const [sent] = exports as [Export];
    expect(sent.path).toBe('/v1/traces');
    expect(sent.headers['content-type']).toBe('application/json');
    const [resourceSpans] = sent.body.resourceSpans;
    const attribute = (attributes: any[], key: string) => attributes.find((a) => a.key === key)?.value;
    expect(attribute(resourceSpans.resource.attributes, 'service.name')).toEqual({ stringValue: 'drs-gw-test' });
    const spans = resourceSpans.scopeSpans.flatMap((scope: any) => scope.spans);
    const server = spans.filter((span: any) => span.name === 'query Board');
    const client = spans.filter((span: any) => span.name === 'POST /v3/{project_id}/jobs/batch-detail');
    expect(server).toHaveLength(1);
    expect(client).toHaveLength(1);
    expect(client[0].traceId).toBe(server[0].traceId);
    expect(client[0].parentSpanId).toBe(server[0].spanId);
    expect(JSON.stringify(sent.body)).not.toContain(ids[0]);
  });
});
