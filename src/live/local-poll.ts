import type { ProgressEvent } from './progress-hub.js';

/** What a poll group of the hub offers the loop that polls for it. */
export interface PollHost {
  /** Ids this replica's subscribers watch. */
  watched(): Iterable<string>;
  /** Polls DRS for the watched ids and `also`, pushes changes locally, and returns every job's event. */
  poll(also: Iterable<string>): Promise<Map<string, ProgressEvent>>;
  /** Events polled elsewhere: pushed where they change something (`onlyUnknown`: for jobs with none yet). */
  receive(events: Map<string, ProgressEvent>, onlyUnknown?: boolean): void;
}

/** The loop that polls for one group: this replica's own (LocalPoll) or shared by replicas (SharedPoll). */
export interface PollDriver {
  /** A subscriber joined with ids the group has no event for yet. */
  joined(ids: readonly string[]): void;
  /** Stops the loop; resolves once what it held elsewhere (a lock, a channel) is given back. */
  stop(): Promise<void>;
  /** Whether this replica asks DRS for the group (alone, or as the leader) rather than listening. */
  readonly polls: boolean;
}

/** One replica polling for itself: once at the start, then once per interval (a slow poll skips ticks). */
export class LocalPoll implements PollDriver {
  readonly polls = true;
  private readonly timer: NodeJS.Timeout;
  private polling = false;

  constructor(
    private readonly host: PollHost,
    intervalMs: number,
  ) {
    this.timer = setInterval(() => void this.tick(), intervalMs);
    queueMicrotask(() => void this.tick());
  }

  joined(): void {
    // Their first poll is at most one interval away.
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
  }

  private async tick(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      await this.host.poll([]);
    } finally {
      this.polling = false;
    }
  }
}
