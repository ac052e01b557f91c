import { afterAll, beforeAll } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../../simulator/index.js';

export interface SimulatorFixture {
  sim: Simulator;
  /** The first project's id. */
  pid: string;
  /** Its first `jobs` seeded job ids. */
  ids: string[];
}

/**
 * The prologue the simulator's test files share: a simulator on port 0 started before the file's
 * tests and closed after them (after the file's own afterAll hooks), with its first project's id
 * and job ids. Fields are filled in beforeAll; read them in hooks or tests, not at import.
 */
export function useSimulator(options: SimulatorOptions, jobs = 0): SimulatorFixture {
  const fixture: SimulatorFixture = { sim: undefined as unknown as Simulator, pid: '', ids: [] };
  beforeAll(async () => {
    fixture.sim = await startSimulator(options);
    fixture.pid = fixture.sim.projects[0]?.projectId ?? '';
    fixture.ids = jobs > 0 ? fixture.sim.jobIds(fixture.pid, jobs) : [];
  });
  afterAll(() => fixture.sim.close());
  return fixture;
}
