import type { ServerResponse } from 'node:http';
import type { Reply } from '../v3/batch.js';
import { serialize } from './raw-json.js';

/**
 * Writes a finished reply; every answer carries the request ID header, as APIG's do. With
 * `startedAt` (performance.now() at arrival) it adds `Server-Timing: sim;dur=…`: the simulator's
 * own time, scripted latency excluded, which bench/simulator.ts reports.
 */
export function send(res: ServerResponse, reply: Reply, requestId: string, startedAt?: number, pausedMs = 0): void {
  const payload = reply.raw ?? serialize(reply.body);
  const headers: Record<string, string | number> = {
    'Content-Type': reply.contentType ?? 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(payload),
    'X-Request-Id': requestId,
    ...reply.headers,
  };
  if (startedAt !== undefined)
    headers['Server-Timing'] = `sim;dur=${(performance.now() - startedAt - pausedMs).toFixed(3)}`;
  res.writeHead(reply.status, headers);
  res.end(payload);
}
