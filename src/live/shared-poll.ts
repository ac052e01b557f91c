import type { SharedLock, SharedState } from '../shared-state/types.js';
import type { PollDriver, PollHost } from './local-poll.js';
import { decodeMessage, encodeMessage, type PollMessage } from './poll-wire.js';

export interface SharedPollOptions {
  state: SharedState;
  /** The poll group's key (pollGroupKey): names its lock, channel and last poll. */
  group: string;
  intervalMs: number;
  /** This replica's id, to ignore its own messages. */
  replica: string;
  host: PollHost;
}

/**
 * One batch-progress poll per interval for a poll group across all replicas. Every replica ticks
 * twice per interval: the holder of the group's lock renews it and polls once per interval, then
 * publishes every job's event (and keeps it as the group's last poll for late joiners); the others
 * receive and tell the leader which ids they watch. The lock lasts 1.25 intervals, so a dead
 * leader's place is taken within 1.75 intervals of its last renewal. Without Redis (down, or a
 * leader not heard for 4 intervals) a replica polls for itself, as a lone replica does.
 */
export class SharedPoll implements PollDriver {
  private lock: SharedLock | undefined;
  private role: 'leader' | 'follower' | 'alone' = 'alone';
  private readonly listening: Promise<(() => Promise<void>) | undefined>;
  private readonly timer: NodeJS.Timeout;
  private readonly wants = new Map<string, { ids: string[]; at: number }>();
  private lastPolled = 0;
  private heard = 0;
  private lastWant = 0;
  private announcing = false;
  private busy = false;
  private polling = false;
  private stopped = false;

  constructor(private readonly o: SharedPollOptions) {
    this.listening = o.state.subscribe(this.channel, (text) => this.hear(text)).catch(() => undefined);
    this.timer = setInterval(() => void this.beat(), Math.max(5, Math.round(o.intervalMs / 2)));
    queueMicrotask(() => void this.beat());
  }

  get polls(): boolean {
    return this.role !== 'follower';
  }

  private get channel(): string {
    return `poll:${this.o.group}`;
  }

  /** New ids: the group's last published poll at once, and the leader told to poll them from now on. */
  joined(ids: readonly string[]): void {
    this.announce();
    this.o.state.getMany([`poll-last:${this.o.group}`]).then(
      ([text]) => {
        const decoded = text === undefined ? undefined : decodeMessage(text, this.o.group);
        if (decoded?.message.kind !== 'rows' || this.stopped) return;
        const { events } = decoded.message;
        this.o.host.receive(new Map(ids.flatMap((id) => (events.has(id) ? [[id, events.get(id)!]] : []))), true);
      },
      () => {},
    );
  }

  private announce(): void {
    if (this.announcing || this.stopped) return;
    this.announcing = true;
    // Coalesces the joins of one burst into one message.
    setTimeout(() => {
      this.announcing = false;
      if (this.role !== 'leader' && !this.stopped) this.send({ kind: 'want', ids: [...this.o.host.watched()] });
    }, 5).unref();
  }

  /** Stops ticking, gives up the lock (a follower then leads within half an interval) and the channel. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    const lock = this.lock;
    this.lock = undefined;
    const unsubscribe = await this.listening;
    await Promise.all([lock?.release().catch(() => {}), unsubscribe?.().catch(() => {})]);
  }

  private async beat(): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      await this.step();
    } catch {
      // A failed Redis call leaves the next tick to decide (claim already fell back to polling alone).
    } finally {
      this.busy = false;
    }
  }

  private async step(): Promise<void> {
    const listening = (await this.listening) !== undefined;
    const role = listening && this.o.state.health().up ? await this.claim() : 'alone';
    const now = Date.now();
    if (role !== this.role && role === 'follower') this.heard = now;
    this.role = role;
    if (this.stopped) return;
    if (role === 'follower') {
      if (now - this.lastWant >= this.o.intervalMs * 0.75) this.send({ kind: 'want', ids: [...this.o.host.watched()] });
      // A leader heard lately (or just found): it polls for us.
      if (now - this.heard < this.o.intervalMs * 4) return;
    }
    const due = now - this.lastPolled >= this.o.intervalMs * 0.75 && !this.polling;
    if (due) this.pollNow(role === 'leader');
    // Followers hear from a leader every tick, even while a slow DRS holds its poll up.
    else if (role === 'leader') this.send({ kind: 'lead' });
  }

  /** Runs beside the ticks, so a slow DRS never delays the lock's renewal. */
  private pollNow(leading: boolean): void {
    this.polling = true;
    this.lastPolled = Date.now();
    const done = leading ? this.lead() : this.o.host.poll([]);
    done
      .catch(() => {})
      .finally(() => {
        this.polling = false;
      });
  }

  /** Leader while the lock is ours (renewed) or could be taken; follower while another holds it. */
  private async claim(): Promise<'leader' | 'follower' | 'alone'> {
    const ttlMs = Math.round(this.o.intervalMs * 1.25);
    try {
      if (this.lock !== undefined) {
        if (await this.lock.renew(ttlMs)) return 'leader';
        this.lock = undefined;
      }
      const lock = await this.o.state.tryLock(`poll-lock:${this.o.group}`, ttlMs);
      if (lock === undefined) return 'follower';
      if (this.stopped) {
        await lock.release();
        return 'alone';
      }
      this.lock = lock;
      // A new leader polls at once: it cannot know when the last poll was.
      this.lastPolled = 0;
      return 'leader';
    } catch {
      this.lock = undefined;
      return 'alone';
    }
  }

  private async lead(): Promise<void> {
    const events = await this.o.host.poll(this.othersWant());
    if (this.stopped || this.lock === undefined) return;
    const text = encodeMessage(this.o.group, this.o.replica, { kind: 'rows', events });
    const kept = { key: `poll-last:${this.o.group}`, value: text, ttlMs: this.o.intervalMs * 3 };
    await Promise.all([this.o.state.publish(this.channel, text), this.o.state.setMany([kept])]);
  }

  /** Ids other replicas asked for within the last 3 intervals (a replica that left stops asking). */
  private othersWant(): Set<string> {
    const since = Date.now() - this.o.intervalMs * 3;
    const ids = new Set<string>();
    for (const [replica, want] of this.wants) {
      if (want.at < since) this.wants.delete(replica);
      else for (const id of want.ids) ids.add(id);
    }
    return ids;
  }

  private hear(text: string): void {
    const decoded = decodeMessage(text, this.o.group);
    if (decoded === undefined || decoded.from === this.o.replica || this.stopped) return;
    const { from, message } = decoded;
    if (message.kind === 'want') {
      this.wants.set(from, { ids: message.ids, at: Date.now() });
      return;
    }
    this.heard = Date.now();
    if (message.kind === 'rows') this.o.host.receive(message.events);
  }

  private send(message: PollMessage): void {
    if (message.kind === 'want') this.lastWant = Date.now();
    this.o.state.publish(this.channel, encodeMessage(this.o.group, this.o.replica, message)).catch(() => {});
  }
}
