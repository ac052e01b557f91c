import type { CallRecord } from '../simulator/http/call-log.js';
import type { DriveTally } from './soak-drive.js';
import { KINDS } from './soak-queries.js';
import type { SseTally } from './soak-sse.js';
import { ms, percentile } from './stats.js';

const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;

/** Answers per kind of query: how many, how they ended, how long they took. */
export function answerTable(tally: DriveTally): string[] {
  const lines = [
    '| query | sent | ok | partial | failed | p50 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  const all: number[] = [];
  const sum = { ok: 0, partial: 0, failed: 0 };
  for (const kind of KINDS) {
    const k = tally.byKind[kind];
    const sent = k.ok + k.partial + k.failed;
    if (sent === 0) continue;
    all.push(...k.latenciesMs);
    sum.ok += k.ok;
    sum.partial += k.partial;
    sum.failed += k.failed;
    lines.push(row(kind, sent, k, k.latenciesMs));
  }
  lines.push(row('**all**', sum.ok + sum.partial + sum.failed, sum, all));
  return lines;
}

function row(
  name: string,
  sent: number,
  k: { ok: number; partial: number; failed: number },
  latencies: number[],
): string {
  const max = latencies.length ? Math.max(...latencies) : Number.NaN;
  return `| ${name} | ${sent} | ${k.ok} | ${k.partial} | ${k.failed} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${ms(max)} |`;
}

/** `extensions.code` counts, queries and subscription events side by side. */
export function codeTable(tally: DriveTally, sse: SseTally): string[] {
  const sseCodes = new Map<string, number>();
  for (const code of sse.codes) sseCodes.set(code, (sseCodes.get(code) ?? 0) + 1);
  const codes = [...new Set([...tally.codes.keys(), ...sseCodes.keys()])].sort();
  const lines = ['| extensions.code | in query answers | in SSE events |', '|---|---:|---:|'];
  for (const code of codes) lines.push(`| ${code} | ${tally.codes.get(code) ?? 0} | ${sseCodes.get(code) ?? 0} |`);
  return codes.length ? lines : ['(no errors)'];
}

/** DRS calls by API from the simulator's call log: how many, and what the fault plan made of them. */
export function callTable(calls: readonly CallRecord[], seconds: number): string[] {
  const apis = [...new Set(calls.map((c) => c.api))].sort();
  const lines = ['| DRS API | calls | calls/s | answered | 5xx | 429 | hung |', '|---|---:|---:|---:|---:|---:|---:|'];
  const count = (list: readonly CallRecord[]) => {
    const status = (s: number) => list.filter((c) => c.status === s).length;
    const fivexx = list.filter((c) => c.status >= 500).length;
    const hung = list.filter((c) => c.fault === 'hang').length;
    return `${list.length} | ${(list.length / seconds).toFixed(1)} | ${list.length - fivexx - status(429) - hung} | ${fivexx} | ${status(429)} | ${hung}`;
  };
  for (const api of apis) lines.push(`| ${api} | ${count(calls.filter((c) => c.api === api))} |`);
  lines.push(`| **all** | ${count(calls)} |`);
  return lines;
}

export function sseLine(sse: SseTally): string {
  return (
    `SSE jobProgress: ${sse.streams} streams held open, ${sse.events} events (${sse.errorEvents} with a coded error), ` +
    `${sse.rows} progress rows equal to the world, ${sse.reopened} streams reopened, ${sse.neverSeen} subscribed jobs never reported`
  );
}

export function rssLine(samples: readonly number[], peak: number, exact: boolean): string {
  return `Gateway RSS every 5 s: ${samples.map(mb).join(', ')}; peak ${mb(peak)} (${exact ? 'kernel high-water mark, VmHWM' : 'sampled'})`;
}
