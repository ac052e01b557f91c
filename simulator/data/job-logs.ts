import type { TaskLogInfo } from '../../src/drs/types-v5.js';
import type { LiveJob } from './live.js';
import { hash32 } from './rng.js';
import { isoSeconds } from './v5-extras.js';

const HOUR = 3_600_000;
/** A running job writes a line every 6 simulated hours; at most this many are kept. */
const HEARTBEAT_MS = 6 * HOUR;
const MAX_HEARTBEATS = 200;

interface Entry {
  at: number;
  level: 'INFO' | 'WARN' | 'ERROR';
  message: string;
}

function heartbeats(job: LiveJob, now: number): Entry[] {
  if (!job.actualStartTime) return [];
  const running = !job.status.endsWith('FAILED') && job.status !== 'RELEASE_RESOURCE_COMPLETE';
  const end = running ? now : job.updateTime;
  const beats = Math.max(0, Math.ceil((end - job.actualStartTime) / HEARTBEAT_MS) - 1);
  // Only the most recent lines are kept, as a log rotates.
  const out: Entry[] = [];
  for (let n = Math.max(1, beats - MAX_HEARTBEATS + 1); n <= beats; n++) {
    out.push({ at: job.actualStartTime + n * HEARTBEAT_MS, level: 'INFO', message: 'Task is running normally.' });
  }
  return out;
}

/**
 * A job's task log at `now` (ShowJobDetail `type=log`; REFERENCE §15): its lifecycle events and
 * periodic lines, newest first [INF: the order is undocumented]. Derived from the live job only,
 * so it agrees with batch-detail's times and status and never changes while the clock stands.
 */
export function jobLogs(job: LiveJob, now: number): TaskLogInfo[] {
  const entries: Entry[] = [{ at: job.createTime, level: 'INFO', message: 'Task created.' }];
  if (job.scheduledStart) {
    entries.push({
      at: job.createTime,
      level: 'INFO',
      message: `Task scheduled to start at ${isoSeconds(job.scheduledStart)}.`,
    });
  }
  if (job.actualStartTime) entries.push({ at: job.actualStartTime, level: 'INFO', message: 'Task started.' });
  entries.push(...heartbeats(job, now));
  if (job.fullCompleteTime)
    entries.push({ at: job.fullCompleteTime, level: 'INFO', message: 'Full migration completed.' });
  if (job.delayMs > 60_000 && job.phase === 'incre') {
    entries.push({
      at: now - job.delayMs,
      level: 'WARN',
      message: `Incremental delay reached ${Math.round(job.delayMs / 1000)} s.`,
    });
  }
  if (job.status.endsWith('FAILED')) {
    const reason = job.failedReason ?? 'See the task details for the failure reason.';
    entries.push({ at: job.updateTime, level: 'ERROR', message: `Task entered ${job.status}: ${reason}` });
  }
  if (job.status === 'RELEASE_RESOURCE_COMPLETE')
    entries.push({ at: job.updateTime, level: 'INFO', message: 'Task stopped.' });
  // Newest first; equal instants keep a fixed order (hash of the message), so pages never overlap.
  const key = (e: Entry) => hash32(e.at, e.message.length, e.message.charCodeAt(5) || 0);
  entries.sort((a, b) => b.at - a.at || key(a) - key(b) || (a.message < b.message ? -1 : 1));
  return entries
    .filter((e) => e.at <= now)
    .map((e) => ({ level: e.level, message: e.message, create_time: isoSeconds(e.at) }));
}
