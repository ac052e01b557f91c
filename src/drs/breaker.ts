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
      return true;
    }
    return false;
  }

  success(): void {
    this.consecutiveFailures = 0;
    this.probing = false;
    if (this.state !== 'closed') this.move('closed');
  }

  failure(): void {
    this.consecutiveFailures++;
    this.probing = false;
    if (this.state === 'half-open' || this.consecutiveFailures >= this.options.failures) {
      this.openedAt = this.now();
      if (this.state !== 'open') this.move('open');
    }
  }

  /** A call that ended without telling anything about upstream health (e.g. the caller left). */
  release(): void {
    this.probing = false;
  }

  private move(to: BreakerState): void {
    const from = this.state;
    this.state = to;
    this.options.onStateChange?.(this.name, from, to);
  }
}
