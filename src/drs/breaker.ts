export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failed calls that open the circuit. */
  failures: number;
  cooldownMs: number;
  onStateChange?: (name: string, from: BreakerState, to: BreakerState) => void;
  now?: () => number;
}

/**
 * A per-API circuit breaker: after `failures` consecutive failures it fails fast for `cooldownMs`,
 * then lets one probe through (half-open); the probe's outcome closes or re-opens it.
 */
export class CircuitBreaker {
  private state: BreakerState = 'closed';
  private consecutiveFailures = 0;
  private openedAt = 0;
  private probing = false;
  /** Settles when the probe in flight ends, whatever its outcome. */
  private probeEnded: { promise: Promise<void>; resolve: () => void } | undefined;
  private readonly now: () => number;

  constructor(
    readonly name: string,
    private readonly options: BreakerOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * The state a call would meet now: an open breaker whose cooldown has passed reads as half-open
   * (it moves at the next call), so readiness does not stay 503 on a pod that gets no traffic.
   */
  get current(): BreakerState {
    if (this.state === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) return 'half-open';
    return this.state;
  }

  /** Whether a call may go upstream now; a half-open breaker admits a single probe. */
  tryAcquire(): boolean {
    if (this.state === 'open' && this.now() - this.openedAt >= this.options.cooldownMs) this.move('half-open');
    if (this.state === 'closed') return true;
    if (this.state === 'half-open' && !this.probing) {
      this.probing = true;
      let resolve = () => {};
      const promise = new Promise<void>((settle) => {
        resolve = settle;
      });
      this.probeEnded = { promise, resolve };
      return true;
    }
    return false;
  }

  /**
   * Like `tryAcquire`, but while a half-open probe is in flight the call waits for its outcome
   * instead of failing: once the probe succeeds, the calls behind it go through (a dashboard's
   * other chunks are not failed by the very probe that shows DRS is back). Gives up when `signal`
   * aborts.
   */
  async admit(signal?: AbortSignal): Promise<boolean> {
    for (;;) {
      if (this.tryAcquire()) return true;
      const ended = this.probeEnded;
      if (this.state !== 'half-open' || ended === undefined) return false;
      await waitFor(ended.promise, signal);
    }
  }

  success(): void {
    this.consecutiveFailures = 0;
    this.endProbe();
    if (this.state !== 'closed') this.move('closed');
  }

  failure(): void {
    this.consecutiveFailures++;
    this.endProbe();
    if (this.state === 'half-open' || this.consecutiveFailures >= this.options.failures) {
      this.openedAt = this.now();
      if (this.state !== 'open') this.move('open');
    }
  }

  /** A call that ended without telling anything about upstream health (e.g. the caller left). */
  release(): void {
    this.endProbe();
  }

  private endProbe(): void {
    this.probing = false;
    const ended = this.probeEnded;
    this.probeEnded = undefined;
    ended?.resolve();
  }

  private move(to: BreakerState): void {
    const from = this.state;
    this.state = to;
    this.options.onStateChange?.(this.name, from, to);
  }
}

function waitFor(promise: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return promise;
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}
