import { createRng } from '../data/rng.js';
import type { ApiName } from '../http/call-log.js';
import {
  type FaultPlan,
  type FaultPlanSpec,
  type FaultStep,
  FaultSyntaxError,
  type FaultTarget,
  isFaultTarget,
  normalizePlan,
  stepLabel,
} from './plan.js';

/** A plan as it stands: the steps still to come (labels), and its latency settings. */
export interface FaultView {
  remaining: string[];
  repeat: boolean;
  latencyMs: number;
  jitterMs: number;
}

/** Scripted faults per API, settable at start-up, at run time and over the admin route. */
export interface FaultController {
  /** Replaces the plan of `target` (an API name or `*` for every API without its own). */
  set(target: FaultTarget, plan: FaultPlanSpec): void;
  /** Removes the plan of `target`, or every plan. */
  clear(target?: FaultTarget): void;
  snapshot(): Partial<Record<FaultTarget, FaultView>>;
}

/** What one call gets: its step and the delay before answering. */
export interface FaultDraw {
  step: FaultStep;
  delayMs: number;
}

export interface FaultRegistry extends FaultController {
  /** Consumes this call's step for `api` (`ok` once a plan has run out). */
  next(api: Exclude<ApiName, 'unknown'>): FaultDraw;
}

interface Running extends FaultPlan {
  cursor: number;
}

const OK: FaultStep = { kind: 'ok' };

export function createFaultRegistry(seed: number): FaultRegistry {
  const plans = new Map<FaultTarget, Running>();
  // Jitter is drawn from a seeded stream: the same calls get the same delays run after run.
  const jitter = createRng('fault-jitter', seed);
  const checkTarget = (target: string) => {
    if (!isFaultTarget(target)) throw new FaultSyntaxError(`unknown API "${target}" for a fault plan`);
  };
  return {
    set(target, plan) {
      checkTarget(target);
      plans.set(target, { ...normalizePlan(plan), cursor: 0 });
    },
    clear(target) {
      if (target === undefined) plans.clear();
      else {
        checkTarget(target);
        plans.delete(target);
      }
    },
    snapshot() {
      const out: Partial<Record<FaultTarget, FaultView>> = {};
      for (const [target, p] of plans) {
        const remaining = p.steps.slice(p.cursor).map(stepLabel);
        out[target] = { remaining, repeat: p.repeat, latencyMs: p.latencyMs, jitterMs: p.jitterMs };
      }
      return out;
    },
    next(api) {
      const plan = plans.get(api) ?? plans.get('*');
      if (!plan) return { step: OK, delayMs: 0 };
      let step = OK;
      if (plan.cursor < plan.steps.length) {
        step = plan.steps[plan.cursor] ?? OK;
        plan.cursor++;
        if (plan.repeat && plan.cursor >= plan.steps.length) plan.cursor = 0;
      }
      const delayMs = plan.latencyMs + (plan.jitterMs > 0 ? jitter.int(0, plan.jitterMs) : 0);
      return { step, delayMs };
    },
  };
}
