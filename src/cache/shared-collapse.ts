import { type CallCollapse, LocalCollapse } from '../drs/collapse.js';
import type { DrsCredentials } from '../drs/credentials.js';
import type { SharedState } from '../shared-state/types.js';

/** Where a replica that made a claimed call says it is done (the message is the call's key). */
const DONE = 'calls-done';

/**
 * Collapsing across replicas. In this process, identical calls share one promise (LocalCollapse).
 * The one that goes on claims the call in the shared state for `lockMs`; a replica that finds the
 * claim taken waits (at most `lockMs`, or its deadline) for the claimant's answer, which is stored
 * for `lockMs` under the same tenant-specific key and announced on a channel, and makes the call
 * itself if none comes (the claimant failed or was slow). With Redis down, every call goes upstream.
 */
export class SharedCollapse implements CallCollapse {
  private readonly local = new LocalCollapse();
  private readonly waiters = new Map<string, Set<() => void>>();
  private listening: Promise<unknown> | undefined;

  constructor(
    private readonly shared: SharedState,
    private readonly lockMs: number,
  ) {}

  run<T>(key: string, credentials: DrsCredentials, call: () => Promise<T>): Promise<T> {
    // One process alone (memory state) has nobody to share with beyond its own promises.
    if (this.shared.backend === 'memory') return this.local.run(key, credentials, call);
    return this.local.run(key, credentials, () => this.across(key, credentials, call));
  }

  private async across<T>(key: string, credentials: DrsCredentials, call: () => Promise<T>): Promise<T> {
    let lock: Awaited<ReturnType<SharedState['tryLock']>>;
    try {
      this.listening ??= this.shared.subscribe(DONE, (done) => this.wake(done));
      await this.listening;
      lock = await this.shared.tryLock(`call:${key}`, this.lockMs);
    } catch {
      return call();
    }
    if (lock === undefined) {
      const answer = await this.answerOf(key, credentials);
      return answer === undefined ? call() : (JSON.parse(answer) as T);
    }
    try {
      const result = await call();
      await this.shared.setMany([{ key: `answer:${key}`, value: JSON.stringify(result), ttlMs: this.lockMs }]);
      return result;
    } finally {
      // Waiters hear it either way: with no answer stored they make the call themselves.
      this.shared.publish(DONE, key).catch(() => {});
      lock.release().catch(() => {});
    }
  }

  /** The claimant's stored answer, once announced (or already there); undefined after the wait. */
  private async answerOf(key: string, credentials: DrsCredentials): Promise<string | undefined> {
    const read = async () => (await this.shared.getMany([`answer:${key}`]).catch(() => [undefined]))[0];
    let wake: () => void = () => {};
    const announced = new Promise<void>((resolve) => {
      wake = resolve;
    });
    const waiting = this.waiters.get(key) ?? new Set();
    this.waiters.set(key, waiting);
    waiting.add(wake);
    try {
      // Registered first, then read: an answer stored before this point is found, one after is announced.
      const early = await read();
      if (early !== undefined) return early;
      const left = credentials.deadline === undefined ? this.lockMs : credentials.deadline - Date.now();
      let stop: () => void = () => {};
      const stopped = new Promise<void>((resolve) => {
        stop = resolve;
      });
      const timer = setTimeout(stop, Math.max(0, Math.min(this.lockMs, left)));
      credentials.signal?.addEventListener('abort', stop, { once: true });
      await Promise.race([announced, stopped]);
      clearTimeout(timer);
      credentials.signal?.removeEventListener('abort', stop);
      return await read();
    } finally {
      waiting.delete(wake);
      if (waiting.size === 0) this.waiters.delete(key);
    }
  }

  private wake(key: string): void {
    for (const wake of this.waiters.get(key) ?? []) wake();
  }
}
