import { AsyncResource } from 'node:async_hooks';
import { chunks } from '../chunks.js';
import type { DrsClient } from '../drs/client.js';
import { credentialKey, type DrsCredentials } from '../drs/credentials.js';
import { DrsError, forJob, itemError, LocalCode, missingRowError } from '../drs/errors.js';
import type { QueryProgressResp } from '../drs/types.js';
import { type Channel, createChannel } from './channel.js';

/** What a subscriber receives: a job's new progress, or the error that stands in for it. */
export type ProgressEvent = QueryProgressResp | DrsError;

interface Subscriber {
  ids: Set<string>;
  channel: Channel<ProgressEvent>;
}

/** Everyone watching with one credential on one project shares one poll loop. */
interface PollGroup {
  credentials: DrsCredentials;
  subscribers: Set<Subscriber>;
  /** Last event sent per job, as a fingerprint, so only changes go out. */
  last: Map<string, { fingerprint: string; event: ProgressEvent }>;
  timer: NodeJS.Timeout;
  polling: boolean;
}

export interface ProgressHubOptions {
  drs: DrsClient;
  intervalMs: number;
  batchSize: number;
}

/**
 * Live progress with shared polling: however many subscribers, each (credential, project) group
 * polls batch-progress once per interval for the union of watched ids, chunked by the batch size,
 * and pushes only what changed. The last subscriber to leave stops the loop.
 */
export class ProgressHub {
  private readonly groups = new Map<string, PollGroup>();
  private closed = false;
  /**
   * A poll loop serves many subscribers, so it runs in the async context the hub was made in, not
   * the first subscriber's: that request's trace (and anything else kept in AsyncLocalStorage) would
   * otherwise claim every later poll.
   */
  private readonly detached = new AsyncResource('ProgressHub');

  constructor(private readonly options: ProgressHubOptions) {}

  /**
   * The progress of `ids`, polled with `credentials`. Nothing starts until the first `next()`: a
   * subscription the server refuses after subscribing (a 406 for the wrong Accept, say) never joins
   * a poll group, so it can leave no loop running.
   */
  watch(credentials: DrsCredentials, ids: readonly string[]): AsyncIterableIterator<ProgressEvent> {
    const { auth } = credentials;
    if (auth === undefined) {
      throw new DrsError({
        message: 'No DRS credential to watch progress with',
        status: 401,
        code: LocalCode.noCredentials,
      });
    }
    let joined: AsyncIterableIterator<ProgressEvent> | undefined;
    let ended = false;
    const done = (): Promise<IteratorResult<ProgressEvent>> => Promise.resolve({ value: undefined, done: true });
    const iterator: AsyncIterableIterator<ProgressEvent> = {
      next: () => {
        if (ended || this.closed) return done();
        joined ??= this.join(credentials, auth, ids);
        return joined.next();
      },
      return: () => {
        ended = true;
        return joined?.return?.() ?? done();
      },
      [Symbol.asyncIterator]: () => iterator,
    };
    return iterator;
  }

  private join(
    credentials: DrsCredentials,
    auth: NonNullable<DrsCredentials['auth']>,
    ids: readonly string[],
  ): AsyncIterableIterator<ProgressEvent> {
    const key = `${credentialKey(auth)}|${credentials.projectId}`;
    let group = this.groups.get(key);
    if (group === undefined) {
      // The loop outlives the request that started it: no request signal or deadline.
      const own = { projectId: credentials.projectId, auth, language: credentials.language };
      const created: PollGroup = this.detached.runInAsyncScope(() => {
        const made: PollGroup = {
          credentials: own,
          subscribers: new Set(),
          last: new Map(),
          polling: false,
          timer: setInterval(() => void this.poll(made), this.options.intervalMs),
        };
        queueMicrotask(() => void this.poll(made));
        return made;
      });
      group = created;
      this.groups.set(key, group);
    }
    const joined = group;
    const subscriber: Subscriber = {
      ids: new Set(ids),
      channel: createChannel(() => this.leave(key, joined, subscriber)),
    };
    joined.subscribers.add(subscriber);
    // A late joiner gets the current state at once instead of waiting for a change.
    for (const id of subscriber.ids) {
      const known = joined.last.get(id);
      if (known) subscriber.channel.push(known.event);
    }
    return subscriber.channel.iterator;
  }

  /**
   * Ends every subscription (their streams complete as if their last event had come: SSE and
   * graphql-ws clients see a proper end) and every poll loop; later watches end at once. For shutdown.
   */
  close(): void {
    this.closed = true;
    for (const group of [...this.groups.values()]) {
      for (const subscriber of [...group.subscribers]) subscriber.channel.close();
    }
  }

  /** Number of live poll loops (for tests and metrics). */
  get activeGroups(): number {
    return this.groups.size;
  }

  /** Number of open subscriptions, all groups together (for metrics). */
  get subscriberCount(): number {
    let count = 0;
    for (const group of this.groups.values()) count += group.subscribers.size;
    return count;
  }

  private leave(key: string, group: PollGroup, subscriber: Subscriber): void {
    group.subscribers.delete(subscriber);
    if (group.subscribers.size > 0) return;
    clearInterval(group.timer);
    this.groups.delete(key);
  }

  private async poll(group: PollGroup): Promise<void> {
    if (group.polling || group.subscribers.size === 0) return;
    group.polling = true;
    try {
      const watched = new Set<string>();
      for (const subscriber of group.subscribers) for (const id of subscriber.ids) watched.add(id);
      const ids = [...watched];
      const session = this.options.drs.session({
        ...group.credentials,
        deadline: Date.now() + Math.max(this.options.intervalMs * 4, 5_000),
      });
      await Promise.all(chunks(ids, this.options.batchSize).map((chunk) => this.pollChunk(group, session, chunk)));
    } finally {
      group.polling = false;
    }
  }

  private async pollChunk(group: PollGroup, session: ReturnType<DrsClient['session']>, chunk: string[]): Promise<void> {
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
    for (const [id, event] of events) this.publish(group, id, event);
  }

  private publish(group: PollGroup, id: string, event: ProgressEvent): void {
    const fingerprint = event instanceof DrsError ? `error:${event.code}:${event.status}` : JSON.stringify(event);
    if (group.last.get(id)?.fingerprint === fingerprint) return;
    group.last.set(id, { fingerprint, event });
    for (const subscriber of group.subscribers) if (subscriber.ids.has(id)) subscriber.channel.push(event);
  }
}

function rowEvent(row: QueryProgressResp, jobId: string): ProgressEvent {
  return row.error_code ? itemError(jobId, row.error_code, row.error_msg) : row;
}
