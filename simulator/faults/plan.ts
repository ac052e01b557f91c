import { API_NAMES, type ApiName } from '../http/call-log.js';

/** One scripted outcome for one call. */
export type FaultStep =
  | { kind: 'ok' }
  /** 429 is APIG.0308, 500 DRS.M00004, 502/503/504 APIG backend errors; optional Retry-After. */
  | { kind: 'status'; status: FaultStatus; retryAfter?: number }
  /** Destroy the socket after reading the request (the client sees ECONNRESET / socket hang up). */
  | { kind: 'reset' }
  /** Never answer; the socket stays open until the client gives up or the simulator closes. */
  | { kind: 'hang' }
  /** The real answer, cut in half (valid HTTP, broken JSON). */
  | { kind: 'truncate' }
  /** 200 with an HTML page instead of JSON, as a misrouted proxy would answer. */
  | { kind: 'html' }
  /** The real answer with its result rows shuffled, one duplicated, or the last one missing. */
  | { kind: 'rows'; mode: 'shuffle' | 'duplicate' | 'missing' };

export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

/** An API name, or `*` for every API without a plan of its own. */
export type FaultTarget = Exclude<ApiName, 'unknown'> | '*';

export interface FaultPlan {
  steps: FaultStep[];
  /** Start over after the last step (default: every later call is `ok`). */
  repeat: boolean;
  /** Added before every answer of the API. */
  latencyMs: number;
  /** Up to this much more, drawn per call from a seeded stream. */
  jitterMs: number;
}

export interface FaultPlanInput {
  /** `"429:1,500*2,ok"` or a list of such tokens / step objects. */
  steps?: string | readonly (string | FaultStep)[];
  repeat?: boolean;
  latencyMs?: number;
  jitterMs?: number;
}

export class FaultSyntaxError extends Error {}

const SIMPLE = ['ok', 'reset', 'hang', 'truncate', 'html'] as const;
const ROWS = ['shuffle', 'duplicate', 'missing'] as const;
export const FAULT_TOKENS = `ok, ${FAULT_STATUSES.join(', ')} (":N" adds Retry-After: N), reset, hang, truncate, html, ${ROWS.join(', ')}; "*N" repeats a step`;

export function isFaultTarget(value: string): value is FaultTarget {
  return value === '*' || (API_NAMES as readonly string[]).includes(value);
}

/** `429`, `429:2` (Retry-After 2 s), `reset`, `duplicate`, … */
export function parseStep(token: string): FaultStep {
  const t = token.trim();
  if ((SIMPLE as readonly string[]).includes(t)) return { kind: t as (typeof SIMPLE)[number] } as FaultStep;
  if ((ROWS as readonly string[]).includes(t)) return { kind: 'rows', mode: t as (typeof ROWS)[number] };
  const m = /^(\d{3})(?::(\d{1,5}))?$/.exec(t);
  const status = Number(m?.[1]);
  if (!m || !(FAULT_STATUSES as readonly number[]).includes(status))
    throw new FaultSyntaxError(`unknown fault step "${t}" (expected ${FAULT_TOKENS})`);
  const step: FaultStep = { kind: 'status', status: status as FaultStatus };
  if (m[2] !== undefined) step.retryAfter = Number(m[2]);
  return step;
}

/** A comma-separated list of steps; `500*3` is three 500s. */
export function parseSteps(spec: string): FaultStep[] {
  if (spec.trim() === '') return [];
  return spec.split(',').flatMap((token) => {
    const [step = '', times] = token.split('*');
    const n = times === undefined ? 1 : Number(times);
    if (!Number.isInteger(n) || n < 1 || n > 10_000) throw new FaultSyntaxError(`bad repeat count in "${token}"`);
    return Array.from({ length: n }, () => parseStep(step));
  });
}

/** The token a step is written as (and logged as). */
export function stepLabel(step: FaultStep): string {
  if (step.kind === 'status')
    return step.retryAfter === undefined ? String(step.status) : `${step.status}:${step.retryAfter}`;
  return step.kind === 'rows' ? step.mode : step.kind;
}

function ms(name: string, value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 600_000)
    throw new FaultSyntaxError(`${name} must be an integer between 0 and 600000`);
  return value;
}

/** A plan, or just its steps (`"429:1,ok"` or `['429:1', 'ok']`). */
export type FaultPlanSpec = FaultPlanInput | string | readonly (string | FaultStep)[];

/** Checks and normalises a plan from code, the admin route or the CLI. */
export function normalizePlan(input: FaultPlanSpec): FaultPlan {
  const plan: FaultPlanInput =
    typeof input === 'string' || Array.isArray(input) ? { steps: input } : (input as FaultPlanInput);
  if (typeof plan !== 'object' || plan === null)
    throw new FaultSyntaxError('a fault plan must be an object or a string');
  const raw = plan.steps ?? [];
  const steps =
    typeof raw === 'string'
      ? parseSteps(raw)
      : raw.map((s) => (typeof s === 'string' ? parseStep(s) : parseStep(stepLabel(s as FaultStep))));
  if (plan.repeat !== undefined && typeof plan.repeat !== 'boolean')
    throw new FaultSyntaxError('repeat must be a boolean');
  return {
    steps,
    repeat: plan.repeat ?? false,
    latencyMs: ms('latencyMs', plan.latencyMs),
    jitterMs: ms('jitterMs', plan.jitterMs),
  };
}
