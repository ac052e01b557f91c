import { randomInt } from 'node:crypto';
import { backendProblem, serviceAbnormal, throttled } from '../http/errors.js';
import { serialize } from '../http/raw-json.js';
import type { Reply } from '../v3/batch.js';
import { type FaultStep, stepLabel } from './plan.js';

/** What the simulator does with a request instead of (or on top of) answering it normally. */
export type Preempted = { kind: 'reply'; reply: Reply } | { kind: 'reset' } | { kind: 'hang' };

/** Limit quoted in a scripted 429 when no real rate limit is configured (APIG's is not published). */
export const NOMINAL_LIMIT = 20;

/** Steps that replace the answer before the request is even authenticated. */
export function preempt(step: FaultStep, requestId: string, rateLimit: number): Preempted | undefined {
  if (step.kind === 'reset' || step.kind === 'hang') return { kind: step.kind };
  if (step.kind !== 'status') return undefined;
  const problem =
    step.status === 429
      ? throttled(rateLimit > 0 ? rateLimit : NOMINAL_LIMIT, requestId)
      : step.status === 500
        ? serviceAbnormal()
        : backendProblem(step.status, requestId);
  const reply: Reply = { ...problem, outcome: 'fault', fault: stepLabel(step) };
  if (step.retryAfter !== undefined) reply.headers = { 'Retry-After': String(step.retryAfter) };
  return { kind: 'reply', reply };
}

/** The list of rows in any of the five answers (`results`, `flow_compare_data`, v5 `jobs`). */
function rowsKey(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  return ['results', 'flow_compare_data', 'jobs'].find((k) => Array.isArray((body as Record<string, unknown>)[k]));
}

function mutateRows(rows: unknown[], mode: 'shuffle' | 'duplicate' | 'missing'): unknown[] {
  if (mode === 'duplicate') return rows.length ? [...rows, rows[0]] : rows;
  if (mode === 'missing') return rows.slice(0, -1);
  const out = [...rows];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  // A shuffle that happens to keep the order would test nothing: rotate instead.
  if (out.length > 1 && out.every((r, i) => r === rows[i])) out.push(out.shift());
  return out;
}

const HTML_PAGE =
  '<!DOCTYPE html>\n<html><head><title>Service maintenance</title></head>' +
  '<body><h1>The service is under maintenance.</h1><p>Please try again later.</p></body></html>\n';

/** Steps that corrupt the real answer: truncated JSON, an HTML page, or tampered rows. */
export function corrupt(step: FaultStep, reply: Reply): Reply {
  const fault = stepLabel(step);
  if (step.kind === 'truncate') {
    const json = serialize(reply.body);
    return { ...reply, raw: json.subarray(0, Math.max(1, Math.floor(json.length / 2))), outcome: 'fault', fault };
  }
  if (step.kind === 'html') {
    return { status: 200, body: null, raw: HTML_PAGE, contentType: 'text/html;charset=UTF-8', outcome: 'fault', fault };
  }
  if (step.kind !== 'rows') return reply;
  const key = rowsKey(reply.body);
  if (!key) return reply;
  const body = reply.body as Record<string, unknown[]>;
  return { ...reply, body: { ...body, [key]: mutateRows(body[key] ?? [], step.mode) }, fault };
}
