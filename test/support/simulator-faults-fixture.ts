import { afterAll, beforeAll, beforeEach } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import { type Answer, call } from './simulator-helpers.js';

export interface FaultsFixture {
  sim: Simulator;
  /** The first project's id. */
  pid: string;
  /** Its first 20 seeded job ids. */
  ids: string[];
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
  const fixture: FaultsFixture = {
    sim: undefined as unknown as Simulator,
    pid: '',
    ids: [],
    detail: (jobs = fixture.ids.slice(0, 3)) =>
      call(fixture.sim, `/v3/${fixture.pid}/jobs/batch-detail`, { body: { jobs, page_req: { per_page: 0 } } }),
  };
  beforeAll(async () => {
    fixture.sim = await startSimulator({ seed: 21, clock: 'manual', releasedRate: 0 });
    fixture.pid = fixture.sim.projects[0]?.projectId ?? '';
    fixture.ids = fixture.sim.jobIds(fixture.pid, 20);
  });
  afterAll(() => fixture.sim.close());
  beforeEach(() => {
    fixture.sim.faults.clear();
    fixture.sim.resetCalls();
    fixture.sim.configure({ rateLimit: 0 });
  });
  return fixture;
}
