import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, type SimulatorProject } from './auth.js';
import type { Reply } from './batch.js';
import { type CallRecord, describeBody } from './call-log.js';
import type { Catalog } from './data/catalog.js';
import { apiNotFound, bodyTooLarge, drsProblem } from './errors.js';
import { handleBatchApi } from './handlers.js';
import type { RuntimeOptions } from './options.js';
import { parseJson, readBody } from './request.js';
import { matchRoute, projectSegment } from './router.js';

export interface SimulatorState {
  projects: readonly SimulatorProject[];
  catalog: Catalog;
  options(): RuntimeOptions;
  calls: CallRecord[];
}

function send(res: ServerResponse, reply: Reply, requestId: string): void {
  const json = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    'Content-Type': 'application/json;charset=UTF-8',
    'Content-Length': Buffer.byteLength(json),
    'X-Request-Id': requestId,
  });
  res.end(json);
}

/** Routing → body → auth → handler → call log → (latency) → answer, for every request. */
export function createRequestListener(state: SimulatorState) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const requestId = randomBytes(16).toString('hex');
    const options = state.options();
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    const route = matchRoute(method, path);
    const credential = req.headers['x-auth-token'] ? 'token' : 'none';
    let body: unknown;
    let reply: Reply;
    try {
      const read = await readBody(req);
      body = read.ok ? parseJson(read.text) : undefined;
      if (!route) reply = { ...apiNotFound(requestId), outcome: 'not-found' };
      else if (!read.ok) reply = { ...bodyTooLarge(requestId), outcome: 'bad-request' };
      else {
        const auth = authenticate(req.headers, route.projectId, state.projects, requestId);
        reply = auth.ok
          ? handleBatchApi({ route, body, options, catalog: state.catalog })
          : { ...auth.problem, outcome: 'auth' };
      }
    } catch (error) {
      console.error('[simulator] request failed', error);
      reply = { ...drsProblem(500, 'DRS.M00004', 'Service is abnormal. Check logs.'), outcome: 'bad-request' };
    }
    const record: CallRecord = {
      api: route?.api ?? 'unknown',
      method,
      path,
      projectId: route?.projectId ?? projectSegment(path),
      ...describeBody(body),
      status: reply.status,
      credential,
      outcome: reply.outcome,
      requestId,
      at,
    };
    if (route?.type !== undefined) record.type = route.type;
    state.calls.push(record);
    if (options.latencyMs > 0) await sleep(options.latencyMs);
    if (!res.destroyed) send(res, reply, requestId);
  };
}
