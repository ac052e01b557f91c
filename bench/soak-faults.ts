import { API_NAMES } from '../simulator/http/call-log.js';

/**
 * The soak's fault plan for one API: 100 steps, of which 10 answer a 5xx or 429 (503 ×3, 429 ×3,
 * 502 ×2, 500 ×2) and 1 hangs, spread evenly so no two faults of one API come back to back (what
 * DRS does on a bad day, not an outage: that is the resilience tests' business). Every API gets
 * its own copy, repeating, so each sees exactly 10% + 1%.
 */
const FAULTS = ['503', '429', '502', '500', '503', '429', '502', '500', '503', '429'] as const;
const STEPS = 100;
const HANG_AT = 94;

export function soakPlanSteps(): string[] {
  const steps: string[] = Array.from({ length: STEPS }, () => 'ok');
  FAULTS.forEach((fault, i) => {
    steps[4 + i * 9] = fault;
  });
  steps[HANG_AT] = 'hang';
  return steps;
}

/** The plan in the simulator CLI's syntax, runs of `ok` folded (`ok*8,503,…`). */
export function soakPlanSpec(): string {
  const out: string[] = [];
  let oks = 0;
  for (const step of soakPlanSteps()) {
    if (step === 'ok') {
      oks++;
      continue;
    }
    if (oks > 0) out.push(oks === 1 ? 'ok' : `ok*${oks}`);
    oks = 0;
    out.push(step);
  }
  if (oks > 0) out.push(`ok*${oks}`);
  return `${out.join(',')}@repeat`;
}

/** `--fault` flags: the same repeating plan for each of the five APIs, each with its own cursor. */
export function soakFaultFlags(): string[] {
  return API_NAMES.flatMap((api) => ['--fault', `${api}=${soakPlanSpec()}`]);
}
