import { chunks } from '../chunks.js';
import type { DrsClient } from '../drs/client.js';
import { DrsError, forJob, itemError, LocalCode, missingRowError } from '../drs/errors.js';
import type { QueryProgressResp } from '../drs/types.js';
import type { ProgressEvent } from './progress-hub.js';

type Session = ReturnType<DrsClient['session']>;

/**
 * One batch-progress poll of `ids`, chunked by `batchSize`: every job gets its row, its per-item
 * error, or the whole call's failure restated for it. `onChunk` hears each chunk as it answers (so
 * subscribers need not wait for the slowest); the whole poll's events are returned too.
 */
export async function pollProgress(
  session: Session,
  ids: readonly string[],
  batchSize: number,
  onChunk: (events: Map<string, ProgressEvent>) => void,
): Promise<Map<string, ProgressEvent>> {
  const all = new Map<string, ProgressEvent>();
  const polled = chunks([...ids], batchSize).map(async (chunk) => {
    const events = await pollChunk(session, chunk);
    onChunk(events);
    for (const [id, event] of events) all.set(id, event);
  });
  await Promise.all(polled);
  return all;
}

async function pollChunk(session: Session, chunk: string[]): Promise<Map<string, ProgressEvent>> {
  const events = new Map<string, ProgressEvent>();
  try {
    const { results = [] } = await session.batchProgress(chunk);
    for (const row of results) if (row.job_id) events.set(row.job_id, rowEvent(row, row.job_id));
    for (const id of chunk) if (!events.has(id)) events.set(id, missingRowError(id));
  } catch (error) {
    const failure =
      error instanceof DrsError
        ? error
        : new DrsError({ message: 'Progress poll failed', status: 0, code: LocalCode.network });
    for (const id of chunk) events.set(id, forJob(failure, id));
  }
  return events;
}

function rowEvent(row: QueryProgressResp, jobId: string): ProgressEvent {
  return row.error_code ? itemError(jobId, row.error_code, row.error_msg) : row;
}
