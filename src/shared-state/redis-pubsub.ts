import { once } from 'node:events';
import type { Redis } from 'ioredis';

/**
 * Pub/sub on a second connection (a subscribed Redis connection can send nothing else), opened on
 * the first subscription. Subscriptions outlive outages: they are renewed on every reconnect, and
 * messages published while Redis was away are lost (pub/sub keeps nothing).
 */
export class RedisSubscriber {
  private connection: Redis | undefined;
  private readonly listeners = new Map<string, Set<(message: string) => void>>();

  constructor(
    private readonly client: Redis,
    private readonly prefix: string,
    /** How long a subscription waits for the connection's first 'ready' before going on regardless. */
    private readonly readyTimeoutMs: number,
  ) {}

  /** Resolves once Redis confirmed the subscription, or (Redis down) once it is registered for the reconnect. */
  async add(channel: string, onMessage: (message: string) => void): Promise<() => Promise<void>> {
    const stored = this.prefix + channel;
    const listener = (message: string) => onMessage(message);
    let listeners = this.listeners.get(stored);
    if (listeners === undefined) {
      listeners = new Set();
      this.listeners.set(stored, listeners);
      await this.confirm(stored);
    }
    listeners.add(listener);
    return async () => {
      listeners.delete(listener);
      if (listeners.size > 0 || this.listeners.get(stored) !== listeners) return;
      this.listeners.delete(stored);
      if (this.connection?.status === 'ready') await this.connection.unsubscribe(stored).catch(() => {});
    };
  }

  async close(): Promise<void> {
    this.listeners.clear();
    this.connection?.disconnect();
    this.connection = undefined;
  }

  private async confirm(stored: string): Promise<void> {
    const connection = this.open();
    if (connection.status !== 'ready' && this.client.status === 'ready') {
      // Just opened beside a working Redis: worth a short wait, so a publish right after is heard.
      const timeout = AbortSignal.timeout(this.readyTimeoutMs);
      await once(connection, 'ready', { signal: timeout }).catch(() => {});
    }
    // Otherwise the 'ready' handler subscribes it on the reconnect.
    if (connection.status === 'ready') await connection.subscribe(stored).catch(() => {});
  }

  private open(): Redis {
    if (this.connection) return this.connection;
    // Same URL and timeouts; resubscribed by hand on 'ready', so channels added while down are included.
    const connection = this.client.duplicate({ autoResubscribe: false, lazyConnect: true });
    connection.on('ready', () => {
      const channels = [...this.listeners.keys()];
      if (channels.length > 0) connection.subscribe(...channels).catch(() => {});
    });
    connection.on('message', (channel: string, message: string) => {
      for (const listener of this.listeners.get(channel) ?? []) listener(message);
    });
    // Its failures show on the command connection's health too; without a listener they would throw.
    connection.on('error', () => {});
    connection.connect().catch(() => {});
    this.connection = connection;
    return connection;
  }
}
