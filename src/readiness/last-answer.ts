import { LocalCode } from '../drs/errors.js';
import type { DrsAttemptOutcome, DrsObserver } from '../drs/observer.js';

/** Where a piece of evidence about DRS came from: real traffic or the readiness probe. */
export type EvidenceSource = 'call' | 'probe';

/** The latest answer from DRS, or the latest failure to get one, as readiness reports it. */
export interface DrsEvidence {
  reachable: boolean;
  source: EvidenceSource;
  /** HTTP status; 0 when no answer came. */
  status: number;
  /** DRS's, APIG's or a local code; never a message (it may quote ids). */
  code?: string | undefined;
  ageMs: number;
}

interface Seen {
  at: number;
  source: EvidenceSource;
  status: number;
  code: string | undefined;
}

/**
 * A DRS observer that remembers when DRS last answered (any status below 500: a 401 or a 400 is
 * an answer) and when it last failed to (no answer, 5xx). Readiness reads it so real traffic
 * spares the probe.
 */
export class LastDrsAnswer implements DrsObserver {
  private answer: Seen | undefined;
  private failure: Seen | undefined;

  constructor(private readonly now: () => number = Date.now) {}

  attempt(): (outcome: DrsAttemptOutcome) => void {
    return (outcome) => {
      // The caller left or its own deadline passed: that says nothing about DRS.
      const code = outcome.error?.code;
      if (code === LocalCode.aborted || code === LocalCode.deadline) return;
      this.record('call', outcome.status, outcome.drsCode ?? code);
    };
  }

  record(source: EvidenceSource, status: number, code: string | undefined): void {
    const seen = { at: this.now(), source, status, code };
    if (status > 0 && status < 500) this.answer = seen;
    else this.failure = seen;
  }

  /** What was seen within `withinMs`: a recent answer is enough, else a recent failure; else nothing. */
  recent(withinMs: number): DrsEvidence | undefined {
    const now = this.now();
    const fresh = (seen: Seen | undefined) => seen !== undefined && now - seen.at <= withinMs;
    const seen = fresh(this.answer) ? this.answer : fresh(this.failure) ? this.failure : undefined;
    if (seen === undefined) return undefined;
    const reachable = seen === this.answer;
    return { reachable, source: seen.source, status: seen.status, code: seen.code, ageMs: now - seen.at };
  }
}
