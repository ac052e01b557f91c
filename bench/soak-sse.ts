import { setTimeout as sleep } from 'node:timers/promises';
import { Agent, request } from 'undici';
import { checkAnswer } from './soak-check.js';
import type { Oracle, Tenant } from './soak-oracle.js';
import { SUBSCRIPTION } from './soak-queries.js';

/** What the live-progress streams received, all streams together. */
export interface SseTally {
  streams: number;
  events: number;
  /** Events carrying a coded error (a failed poll, or a job DRS has not). */
  errorEvents: number;
  rows: number;
  codes: string[];
  problems: string[];
  /** Streams that ended or broke before the soak did, and were opened again. */
  reopened: number;
  /** Subscribed jobs whose current state never arrived on their stream. */
  neverSeen: number;
}

export function newSseTally(): SseTally {
  return { streams: 0, events: 0, errorEvents: 0, rows: 0, codes: [], problems: [], reopened: 0, neverSeen: 0 };
}

/**
 * Holds one `jobProgress` subscription over SSE until `signal` aborts, checking every event: it must
 * be about one of the stream's own jobs and equal the world's progress, or a coded error for that
 * job. Opens the stream again if the server ends it early.
 */
export async function holdSubscription(
  url: string,
  tenant: Tenant,
  ids: string[],
  oracle: Oracle,
  tally: SseTally,
  signal: AbortSignal,
): Promise<void> {
  const dispatcher = new Agent({ connections: 1 });
  const seen = new Set<string>();
  tally.streams++;
  const body = JSON.stringify({ query: SUBSCRIPTION, variables: { ids }, operationName: 'SoakProgress' });
  while (!signal.aborted) {
    try {
      const res = await request(url, {
        method: 'POST',
        dispatcher,
        signal,
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          'x-auth-token': tenant.token,
          'x-project-id': tenant.projectId,
        },
        body,
        bodyTimeout: 0,
      });
      let buffer = '';
      for await (const chunk of res.body) {
        buffer += chunk.toString();
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trim())
            .join('\n');
          if (block.includes('event: next') && data) onEvent(data);
        }
      }
    } catch {
      if (signal.aborted) break;
    }
    if (signal.aborted) break;
    tally.reopened++;
    await sleep(500);
  }
  tally.neverSeen += ids.filter((id) => !seen.has(id)).length;
  await dispatcher.close();

  function onEvent(data: string): void {
    tally.events++;
    const payload = JSON.parse(data) as {
      data?: { jobProgress?: { jobId?: string } | null };
      errors?: { extensions?: { jobId?: unknown } }[];
    };
    const jobId = payload.data?.jobProgress?.jobId ?? payload.errors?.[0]?.extensions?.jobId;
    if (typeof jobId !== 'string' || !ids.includes(jobId)) {
      tally.problems.push(`SSE event for ${String(jobId)}, not one of the stream's jobs: ${data.slice(0, 160)}`);
      return;
    }
    seen.add(jobId);
    if (payload.errors?.length) tally.errorEvents++;
    const expected = { jobProgress: oracle.progress(tenant.projectId, jobId) };
    const missing = expected.jobProgress === null ? [['jobProgress']] : [];
    const verdict = checkAnswer({ kind: 'job', body, expected, missing, jobIdAt: () => jobId }, 200, data);
    tally.rows += verdict.rows;
    tally.codes.push(...verdict.codes);
    tally.problems.push(...verdict.problems.map((p) => `SSE ${tenant.name}: ${p}`));
  }
}
