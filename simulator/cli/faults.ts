import { type FaultPlanInput, FaultSyntaxError, type FaultTarget, isFaultTarget, parseSteps } from '../faults/plan.js';

export type FaultPlans = Partial<Record<FaultTarget, FaultPlanInput>>;

function split(flag: string, value: string): [FaultTarget, string] {
  const at = value.indexOf('=');
  const target = value.slice(0, at).trim();
  if (at < 1 || !isFaultTarget(target)) throw new FaultSyntaxError(`${flag} expects <api>=…, got "${value}"`);
  return [target, value.slice(at + 1)];
}

/** `batch-detail=429:1,ok` or `…@repeat`; checked here so a typo fails before the server starts. */
export function addFaultFlag(plans: FaultPlans, value: string): void {
  const [target, rest] = split('--fault', value);
  const repeat = rest.endsWith('@repeat');
  const steps = repeat ? rest.slice(0, -'@repeat'.length) : rest;
  parseSteps(steps);
  plans[target] = { ...plans[target], steps, repeat };
}

/** `progress-data=100~50`: 100 ms plus up to 50 ms of jitter. */
export function addLatencyFlag(plans: FaultPlans, value: string): void {
  const [target, rest] = split('--fault-latency', value);
  const m = /^(\d{1,6})(?:~(\d{1,6}))?$/.exec(rest.trim());
  if (!m) throw new FaultSyntaxError(`--fault-latency expects <api>=<ms>[~<jitter ms>], got "${value}"`);
  plans[target] = { ...plans[target], latencyMs: Number(m[1]), jitterMs: Number(m[2] ?? 0) };
}

/** SIM_FAULTS / SIM_FAULT_LATENCY: the same values separated by `;`. */
export function envList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}
