import { createHash } from 'node:crypto';
import type { DrsCredentials } from '../drs/credentials.js';
import { DrsError } from '../drs/errors.js';
import type { QueryProgressResp } from '../drs/types.js';
import type { ProgressEvent } from './progress-hub.js';

/**
 * One poll group per tenant: a hash of the whole credential (for AK/SK the SK too, so a replica
 * configured with a stale SK never receives what a valid one polled), the project and the
 * language. Only the hash reaches Redis, and no two tenants share a lock or a channel.
 */
export function pollGroupKey(auth: NonNullable<DrsCredentials['auth']>, projectId: string, language: string): string {
  // The gateway's IAM user is one identity whatever token it holds now (its tokens renew).
  const secret =
    auth.kind === 'token'
      ? auth.token
      : auth.kind === 'iam'
        ? auth.source.key
        : `${auth.ak}\n${auth.sk}\n${auth.securityToken ?? ''}`;
  return createHash('sha256').update(`${auth.kind}\n${secret}\n${projectId}\n${language}`).digest('hex').slice(0, 32);
}

type WireEvent =
  | { row: QueryProgressResp }
  | { error: { message: string; status: number; code?: string; jobId?: string; requestId?: string } };

/** What replicas of one poll group tell each other on its channel. */
export type PollMessage =
  /** The leader's poll: every job's event, changed or not (each replica decides what changed for its subscribers). */
  | { kind: 'rows'; events: Map<string, ProgressEvent> }
  /** The leader is alive (sent when it renews its lock without polling). */
  | { kind: 'lead' }
  /** The ids a replica's subscribers watch, so the leader polls them too. */
  | { kind: 'want'; ids: string[] };

/** The message as sent: the group and sender go with it, so a stray message is recognised and dropped. */
export function encodeMessage(group: string, from: string, message: PollMessage): string {
  if (message.kind !== 'rows') return JSON.stringify({ group, from, ...message });
  const events = [...message.events].map(([id, event]) => [id, toWire(event)]);
  return JSON.stringify({ group, from, kind: 'rows', events });
}

/** The message if it is a well-formed one for `group`; undefined otherwise. */
export function decodeMessage(text: string, group: string): { from: string; message: PollMessage } | undefined {
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed?.group !== group || typeof parsed.from !== 'string') return undefined;
  const { from, kind } = parsed;
  if (kind === 'lead') return { from, message: { kind } };
  if (kind === 'want' && Array.isArray(parsed.ids)) {
    return { from, message: { kind, ids: parsed.ids.filter((id: unknown) => typeof id === 'string') } };
  }
  if (kind !== 'rows' || !Array.isArray(parsed.events)) return undefined;
  const events = new Map<string, ProgressEvent>();
  for (const entry of parsed.events) {
    const event = Array.isArray(entry) && typeof entry[0] === 'string' ? fromWire(entry[1]) : undefined;
    if (event !== undefined) events.set(entry[0], event);
  }
  return { from, message: { kind, events } };
}

function toWire(event: ProgressEvent): WireEvent {
  if (!(event instanceof DrsError)) return { row: event };
  const { message, status, code, jobId, requestId } = event;
  return {
    error: { message, status, ...(code && { code }), ...(jobId && { jobId }), ...(requestId && { requestId }) },
  };
}

function fromWire(wire: any): ProgressEvent | undefined {
  if (wire?.row !== null && typeof wire?.row === 'object') return wire.row as QueryProgressResp;
  const error = wire?.error;
  if (typeof error?.message !== 'string' || typeof error.status !== 'number') return undefined;
  const { message, status, code, jobId, requestId } = error;
  return new DrsError({ message, status, code, jobId, requestId });
}
