import type { IncomingMessage, ServerResponse } from 'node:http';
import { FaultSyntaxError, type FaultTarget, isFaultTarget } from '../faults/plan.js';
import type { Reply } from '../v3/batch.js';
import type { World } from '../world.js';
import { apiNotFound } from './errors.js';
import { parseJson, readBody } from './request.js';
import { send } from './respond.js';

/**
 * Run-time control over HTTP, for a simulator in another process (CLI, compose, benches):
 *   GET/DELETE /__admin/calls    the call log / clear it
 *   GET/POST/DELETE /__admin/faults   plans; POST {"api":"batch-detail","steps":"429:1,ok",
 *                                "repeat":false,"latencyMs":0,"jitterMs":0}; DELETE ?api=… or all
 *   GET/POST /__admin/clock      {"advanceMs":60000} or {"set":"2026-01-15T09:00:00Z" | epoch ms}
 *   GET/POST /__admin/config     runtime options (rateLimit, latencyMs, shuffle, …)
 * Only loopback clients are served (403 otherwise), and only with `X-Admin-Token` when an admin
 * token is configured. These routes are not DRS APIs: never logged, faulted or rate limited.
 */
export function isAdminPath(pathname: string): boolean {
  return pathname === '/__admin' || pathname.startsWith('/__admin/');
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const ok = (body: unknown): Reply => ({ status: 200, body, outcome: 'ok' });

function clockView(world: World) {
  const now = world.clock.now();
  return { mode: world.clock.mode, now, iso: new Date(now).toISOString() };
}

function moveClock(world: World, body: Record<string, unknown>): void {
  if (typeof body.advanceMs === 'number') world.clock.advance(body.advanceMs);
  else if (typeof body.set === 'number') world.clock.set(body.set);
  else if (typeof body.set === 'string' && !Number.isNaN(Date.parse(body.set))) world.clock.set(Date.parse(body.set));
  else throw new AdminError(400, 'expected {"advanceMs": ms} or {"set": epoch ms | ISO time}');
}

function setFault(world: World, body: Record<string, unknown>): void {
  const { api, ...plan } = body;
  if (typeof api !== 'string' || !isFaultTarget(api)) throw new AdminError(400, `unknown api ${JSON.stringify(api)}`);
  world.faults.set(api, plan);
}

function route(world: World, method: string, path: string, url: URL, body: Record<string, unknown>): Reply {
  const key = `${method} ${path}`;
  switch (key) {
    case 'GET /__admin/calls':
      return ok({ calls: world.calls });
    case 'DELETE /__admin/calls':
      world.calls.length = 0;
      return ok({ calls: [] });
    case 'GET /__admin/faults':
      return ok({ faults: world.faults.snapshot() });
    case 'POST /__admin/faults':
      setFault(world, body);
      return ok({ faults: world.faults.snapshot() });
    case 'DELETE /__admin/faults': {
      const api = url.searchParams.get('api');
      world.faults.clear(api === null ? undefined : (api as FaultTarget));
      return ok({ faults: world.faults.snapshot() });
    }
    case 'GET /__admin/clock':
      return ok(clockView(world));
    case 'POST /__admin/clock':
      moveClock(world, body);
      return ok(clockView(world));
    case 'GET /__admin/config':
      return ok(world.options());
    case 'POST /__admin/config':
      world.configure(body);
      return ok(world.options());
    default:
      throw new AdminError(404, `no admin route ${key}`);
  }
}

function problem(status: number, message: string): Reply {
  return { status, body: { error_code: 'SIM.ADMIN', error_msg: message }, outcome: 'bad-request' };
}

export async function handleAdmin(
  world: World,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  requestId: string,
): Promise<void> {
  const read = await readBody(req);
  let reply: Reply;
  if (!world.admin.enabled) reply = { ...apiNotFound(requestId), outcome: 'not-found' };
  else if (!LOOPBACK.test(req.socket.remoteAddress ?? ''))
    reply = problem(403, 'admin routes serve loopback clients only');
  else if (world.admin.token !== undefined && req.headers['x-admin-token'] !== world.admin.token)
    reply = problem(401, 'missing or wrong X-Admin-Token');
  else {
    const parsed = read.ok && read.text.trim() !== '' ? parseJson(read.text) : {};
    try {
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        throw new AdminError(400, 'the body must be a JSON object');
      reply = route(world, req.method ?? 'GET', url.pathname, url, parsed as Record<string, unknown>);
    } catch (error) {
      const known = error instanceof AdminError || error instanceof FaultSyntaxError;
      const invalid = error instanceof RangeError || error instanceof TypeError;
      if (!known && !invalid) throw error;
      reply = problem(error instanceof AdminError ? error.status : 400, (error as Error).message);
    }
  }
  send(res, reply, requestId);
}
