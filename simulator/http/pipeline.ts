import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { corrupt, type Preempted, preempt } from '../faults/apply.js';
import type { FaultDraw } from '../faults/registry.js';
import { handleIamTokens } from '../iam/handler.js';
import { serveOpenApi } from '../openapi/serve.js';
import type { Reply } from '../v3/batch.js';
import type { World } from '../world.js';
import { handleAdmin, isAdminPath } from './admin.js';
import { type AuthResult, authenticate } from './auth.js';
import type { CallRecord } from './call-log.js';
import { type Incoming, record } from './call-record.js';
import { apiNotFound, bodyTooLarge, serviceAbnormal, throttled } from './errors.js';
import { handleApi } from './handlers.js';
import { parseJson, readBody } from './request.js';
import { newRequestId } from './request-id.js';
import { send } from './respond.js';
import { matchRoute, type Route } from './router.js';

export type { World } from '../world.js';

/** Calls kept in the log; the oldest tenth goes when it is full. */
export const CALL_LOG_LIMIT = 100_000;

/** Auth → per-credential rate limit → handler, for a routed request. */
function respond(world: World, inc: Incoming, route: Route, auth: () => AuthResult): Reply {
  // IAM gives tokens to whoever proves a password: no token, signature or DRS rate limit applies.
  if (route.api === 'iam-token') return answerIam(world, inc, route);
  const options = world.options();
  const who = auth();
  if (!who.ok) return { ...who.problem, outcome: 'auth' };
  if (!world.rateLimiter.admit(who.identity, options.rateLimit))
    return { ...throttled(options.rateLimit, inc.requestId), outcome: 'throttled' };
  return handleApi({
    route,
    body: inc.body,
    query: inc.query,
    options,
    catalog: world.catalog,
    v5: world.v5,
    listing: world.listing,
    now: world.clock.now(),
  });
}

function answerIam(world: World, inc: Incoming, route: Route): Reply {
  const { projectId, ...reply } = handleIamTokens({
    body: inc.body,
    query: inc.query,
    users: world.iam.users,
    projectIds: world.projects.map((p) => p.projectId),
    tokens: world.iam.tokens,
    now: world.clock.now(),
  });
  // The route is this request's own: the call log then files the call under the project asked for.
  if (projectId !== undefined) route.projectId = projectId;
  return reply;
}

/**
 * A scripted status fault answers before authentication (as a gateway or network fault would);
 * corrupting steps (truncate, html, rows) apply to whatever the request got, error or not.
 */
function answer(world: World, inc: Incoming, route: Route, draw: FaultDraw, auth: () => AuthResult): Reply {
  const pre = preempt(draw.step, inc.requestId, world.options().rateLimit);
  if (pre?.kind === 'reply') return pre.reply;
  return corrupt(draw.step, respond(world, inc, route, auth));
}

/**
 * Every request: admin / OpenAPI routes aside, routing → body → scripted fault → auth → rate
 * limit → handler → call log → latency → answer (or a reset / hang).
 */
export function createRequestListener(world: World) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const at = Date.now();
    const startedAt = performance.now();
    const requestId = newRequestId();
    const rawUrl = req.url ?? '/';
    const url = new URL(rawUrl, 'http://simulator');
    const method = req.method ?? 'GET';
    if (isAdminPath(url.pathname)) return handleAdmin(world, req, res, url, requestId);
    if (method === 'GET' && url.pathname === '/openapi.json') return serveOpenApi(res, requestId);
    // For container health checks: not a DRS API, so never logged, faulted or authenticated.
    if (method === 'GET' && url.pathname === '/health')
      return send(res, { status: 200, body: { status: 'ok' }, outcome: 'ok' }, requestId);
    const route = matchRoute(method, url.pathname);
    const read = await readBody(req);
    const inc: Incoming = {
      req,
      route,
      read,
      body: read.ok ? parseJson(read.text) : undefined,
      query: url.searchParams,
      requestId,
    };
    const draw: FaultDraw = route ? world.faults.next(route.api) : { step: { kind: 'ok' }, delayMs: 0 };
    let reply: Reply | undefined;
    let transport: Preempted['kind'] = 'reply';
    let ak: string | undefined;
    try {
      if (!route) reply = { ...apiNotFound(requestId), outcome: 'not-found' };
      else if (!read.ok) reply = { ...bodyTooLarge(requestId), outcome: 'bad-request' };
      else if (draw.step.kind === 'reset' || draw.step.kind === 'hang') transport = draw.step.kind;
      else {
        const signed = {
          method,
          path: rawUrl.split('?')[0] ?? '/',
          rawQuery: url.search.slice(1),
          headers: req.headers,
          body: read.bytes,
        };
        reply = answer(world, inc, route, draw, () => {
          const result = authenticate(signed, route.projectId, {
            projects: world.projects,
            credentials: world.credentials,
            lockout: world.lockout,
            lockoutEnabled: world.options().akLockout,
            simNow: world.clock.now(),
            iamTokens: world.iam.tokens,
            wallNow: Date.now(),
            requestId,
          });
          ak = result.ak;
          return result;
        });
      }
    } catch (error) {
      console.error('[simulator] request failed', error);
      reply = { ...serviceAbnormal(), outcome: 'bad-request' };
    }
    const delayMs = world.options().latencyMs + draw.delayMs;
    const labels = [
      reply?.fault ?? (transport === 'reply' ? undefined : transport),
      draw.delayMs ? `latency:${draw.delayMs}` : undefined,
    ];
    const fault = labels.filter(Boolean).join('+') || undefined;
    const extra: Partial<CallRecord> = { at };
    if (ak !== undefined) extra.ak = ak;
    const rec = record(inc, url.pathname, reply, extra);
    if (fault !== undefined) rec.fault = fault;
    // A long-running simulator (npm start's, polled by a dashboard) keeps only recent calls.
    if (world.calls.length >= CALL_LOG_LIMIT) world.calls.splice(0, CALL_LOG_LIMIT / 10);
    world.calls.push(rec);
    if (delayMs > 0) await sleep(delayMs);
    if (transport === 'reset') req.socket.destroy();
    else if (reply && !res.destroyed) send(res, reply, requestId, startedAt, delayMs);
    // A hang simply never answers; closing the simulator drops the socket.
  };
}
