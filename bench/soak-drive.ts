import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { checkAnswer } from './soak-check.js';
import type { Oracle, Tenant } from './soak-oracle.js';
import { KINDS, type Kind, soakRequest } from './soak-queries.js';

export interface DriveOptions {
  url: string;
  tenants: Tenant[];
  oracle: Oracle;
  /** Requests per second of each kind, per tenant. */
  rates: Record<Kind, number>;
  durationMs: number;
  /** Keep-alive connections per tenant (undici queues requests beyond them, as a browser does). */
  connections: number;
  /** Requests in flight at most, all tenants together; a request due beyond it is not sent (counted). */
  maxInFlight: number;
}

export interface KindTally {
  latenciesMs: number[];
  ok: number;
  partial: number;
  failed: number;
}

export interface DriveTally {
  byKind: Record<Kind, KindTally>;
  codes: Map<string, number>;
  problems: string[];
  rows: number;
  /** Due while `maxInFlight` requests were already out: the gateway fell behind the schedule. */
  notSent: number;
  elapsedMs: number;
}

/** A client that gives up on an answer after this long calls it a hang (the operation deadline is 30 s). */
const CLIENT_TIMEOUT_MS = 60_000;

/**
 * Open-loop load: each (tenant, kind) stream sends on its own fixed schedule, whatever the answers
 * do, so a slow answer does not slow the load down (a closed loop would hide latency behind
 * waiting). Streams start out of phase, so the tenants' requests interleave. Every answer is checked.
 */
export async function drive(options: DriveOptions): Promise<DriveTally> {
  const tally: DriveTally = {
    byKind: Object.fromEntries(
      KINDS.map((k): [Kind, KindTally] => [k, { latenciesMs: [], ok: 0, partial: 0, failed: 0 }]),
    ) as Record<Kind, KindTally>,
    codes: new Map(),
    problems: [],
    rows: 0,
    notSent: 0,
    elapsedMs: 0,
  };
  const agents = options.tenants.map(() => new Agent({ connections: options.connections, keepAliveTimeout: 30_000 }));
  const streams = options.tenants.flatMap((tenant, t) =>
    KINDS.filter((kind) => options.rates[kind] > 0).map((kind) => ({
      tenant,
      t,
      kind,
      sent: 0,
      period: 1000 / options.rates[kind],
    })),
  );
  const inFlight = new Set<Promise<void>>();
  const start = performance.now();
  const one = async (stream: (typeof streams)[number]) => {
    const other = options.tenants[(stream.t + 1) % options.tenants.length]!;
    const req = soakRequest(stream.kind, stream.sent++, stream.tenant, other, options.oracle);
    const kind = tally.byKind[stream.kind];
    const sent = performance.now();
    try {
      const res = await request(options.url, {
        method: 'POST',
        dispatcher: agents[stream.t]!,
        headers: {
          'content-type': 'application/json',
          'x-auth-token': stream.tenant.token,
          'x-project-id': stream.tenant.projectId,
        },
        body: req.body,
        headersTimeout: CLIENT_TIMEOUT_MS,
        bodyTimeout: CLIENT_TIMEOUT_MS,
      });
      const text = await res.body.text();
      kind.latenciesMs.push(performance.now() - sent);
      const verdict = checkAnswer(req, res.statusCode, text);
      kind[verdict.outcome]++;
      tally.rows += verdict.rows;
      for (const code of verdict.codes) tally.codes.set(code, (tally.codes.get(code) ?? 0) + 1);
      tally.problems.push(...verdict.problems.map((p) => `${stream.tenant.name} ${stream.kind}: ${p}`));
    } catch (error) {
      kind.failed++;
      tally.problems.push(`${stream.tenant.name} ${stream.kind}: no answer (${String(error).slice(0, 120)})`);
    }
  };
  while (performance.now() - start < options.durationMs) {
    const now = performance.now() - start;
    streams.forEach((stream, i) => {
      // Stream i starts i/n of a period late: the schedules interleave instead of firing together.
      while (stream.period * (stream.sent + i / streams.length) <= now) {
        if (inFlight.size >= options.maxInFlight) {
          tally.notSent++;
          stream.sent++;
          continue;
        }
        const running: Promise<void> = one(stream).finally(() => inFlight.delete(running));
        inFlight.add(running);
      }
    });
    await sleep(5);
  }
  await Promise.all(inFlight);
  tally.elapsedMs = performance.now() - start;
  await Promise.all(agents.map((agent) => agent.close()));
  return tally;
}
