import { beforeEach } from 'vitest';
import { type SimulatorFixture, useSimulator } from './simulator-fixture.js';
import { type Answer, call } from './simulator-helpers.js';

/** The shared simulator (`ids`: its first 20 seeded job ids) with a batch-detail caller. */
export interface FaultsFixture extends SimulatorFixture {
  /** batch-detail for `jobs` (the first three ids by default), every item on one page. */
  detail(jobs?: string[]): Promise<Answer>;
}

/** The message APIG sends with a 429 for a per-second `limit`. */
export const throttleMessage = (limit: number) =>
  `The throttling threshold has been reached: policy user over ratelimit,limit:${limit},time:1 second`;

/**
 * The simulator the fault test files share: seed 21, a manual clock, no released jobs; before each
 * test its faults, call log and rate limit are cleared.
 */
export function useFaultsSimulator(): FaultsFixture {
  const fixture = useSimulator({ seed: 21, clock: 'manual', releasedRate: 0 }, 20) as FaultsFixture;
  fixture.detail = (jobs = fixture.ids.slice(0, 3)) =>
    call(fixture.sim, `/v3/${fixture.pid}/jobs/batch-detail`, { body: { jobs, page_req: { per_page: 0 } } });
  beforeEach(() => {
    fixture.sim.faults.clear();
    fixture.sim.resetCalls();
    fixture.sim.configure({ rateLimit: 0 });
  });
  return fixture;
}
