import { AsyncResource } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { DrsClient } from '../drs/client.js';
import type { DrsCredentials } from '../drs/credentials.js';
import { DrsError, LocalCode } from '../drs/errors.js';
import type { QueryProgressResp } from '../drs/types.js';
import type { SharedState } from '../shared-state/types.js';
import { type Channel, createChannel } from './channel.js';
import { LocalPoll, type PollDriver, type PollHost } from './local-poll.js';
import { pollGroupKey } from './poll-wire.js';
import { pollProgress } from './progress-poll.js';
import { SharedPoll } from './shared-poll.js';

/** What a subscriber receives: a job's new progress, or the error that stands in for it. */
export type ProgressEvent = QueryProgressResp | DrsError;

interface Subscriber {
  ids: Set<string>;
  channel: Channel<ProgressEvent>;
}

/** Everyone watching with one credential on one project (and language) shares one poll loop. */
interface Watchers {
  credentials: DrsCredentials;
  subscribers: Set<Subscriber>;
  /** Last event sent per job, as a fingerprint, so only changes go out. */
  last: Map<string, { fingerprint: string; event: ProgressEvent }>;
}

interface PollGroup extends Watchers {
  /** This replica's own poll loop (no Redis), or the poll shared with other replicas. */
  driver: PollDriver;
}

export interface ProgressHubOptions {
  drs: DrsClient;
  intervalMs: number;
  batchSize: number;
  /** With Redis, one replica polls each group for all (shared-poll.ts); in memory, each polls alone. */
  shared?: SharedState;
}

/**
 * Live progress with shared polling: however many subscribers, each (credential, project) group
 * polls batch-progress once per interval for the union of watched ids, chunked by the batch size,
 * and pushes only what changed. The last subscriber to leave stops the loop. With Redis, the
 * replicas' groups of one tenant share one poll (SharedPoll).
 */
export class ProgressHub {
  private readonly groups = new Map<string, PollGroup>();
  private readonly stopping = new Set<Promise<void>>();
  private readonly replica = randomUUID();
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
    const key = pollGroupKey(auth, credentials.projectId, credentials.language);
    let group = this.groups.get(key);
    if (group === undefined) {
      // The loop outlives the request that started it: no request signal or deadline.
      const own = { projectId: credentials.projectId, auth, language: credentials.language };
      group = this.detached.runInAsyncScope(() => this.startGroup(key, own));
      this.groups.set(key, group);
    }
    const joined = group;
    const subscriber: Subscriber = {
      ids: new Set(ids),
      channel: createChannel(() => this.leave(key, joined, subscriber)),
    };
    joined.subscribers.add(subscriber);
    // A late joiner gets the current state at once instead of waiting for a change.
    const unknown: string[] = [];
    for (const id of subscriber.ids) {
      const known = joined.last.get(id);
      if (known) subscriber.channel.push(known.event);
      else unknown.push(id);
    }
    if (unknown.length > 0) joined.driver.joined(unknown);
    return subscriber.channel.iterator;
  }

  private startGroup(key: string, credentials: PollGroup['credentials']): PollGroup {
    const { shared, intervalMs } = this.options;
    const group: Watchers = { credentials, subscribers: new Set(), last: new Map() };
    const host: PollHost = {
      watched: () => watchedBy(group),
      poll: (also) => this.poll(group, new Set([...watchedBy(group), ...also])),
      receive: (events, onlyUnknown) => {
        // Only where nothing came yet: an older row must never follow a newer one.
        for (const [id, event] of events) if (!onlyUnknown || !group.last.has(id)) this.publish(group, id, event);
      },
    };
    const driver =
      shared === undefined || shared.backend === 'memory'
        ? new LocalPoll(host, intervalMs)
        : new SharedPoll({ state: shared, group: key, intervalMs, replica: this.replica, host });
    return Object.assign(group, { driver });
  }

  /**
   * Ends every subscription (their streams complete as if their last event had come: SSE and
   * graphql-ws clients see a proper end) and every poll loop; later watches end at once. For shutdown:
   * resolves once shared polls gave up their leadership (so another replica takes over at once).
   */
  async close(): Promise<void> {
    this.closed = true;
    for (const group of [...this.groups.values()]) {
      for (const subscriber of [...group.subscribers]) subscriber.channel.close();
    }
    await Promise.all(this.stopping);
  }

  /** Number of live poll loops (for tests and metrics). */
  get activeGroups(): number {
    return this.groups.size;
  }

  /** Poll loops that ask DRS themselves (not following another replica's poll); for metrics. */
  get pollingGroups(): number {
    let count = 0;
    for (const group of this.groups.values()) if (group.driver.polls) count++;
    return count;
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
    this.groups.delete(key);
    const stopped = group.driver.stop().finally(() => this.stopping.delete(stopped));
    this.stopping.add(stopped);
  }

  /** One poll of `ids`; changes are pushed as each chunk answers. Every job's event is returned. */
  private poll(group: Watchers, ids: Set<string>): Promise<Map<string, ProgressEvent>> {
    const { drs, intervalMs, batchSize } = this.options;
    const session = drs.session({ ...group.credentials, deadline: Date.now() + Math.max(intervalMs * 4, 5_000) });
    return pollProgress(session, [...ids], batchSize, (events) => {
      for (const [id, event] of events) this.publish(group, id, event);
    });
  }

  private publish(group: Watchers, id: string, event: ProgressEvent): void {
    const fingerprint = event instanceof DrsError ? `error:${event.code}:${event.status}` : JSON.stringify(event);
    if (group.last.get(id)?.fingerprint === fingerprint) return;
    group.last.set(id, { fingerprint, event });
    for (const subscriber of group.subscribers) if (subscriber.ids.has(id)) subscriber.channel.push(event);
  }
}

function watchedBy(group: Watchers): Set<string> {
  const watched = new Set<string>();
  for (const subscriber of group.subscribers) for (const id of subscriber.ids) watched.add(id);
  return watched;
}
