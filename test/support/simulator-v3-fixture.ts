import { afterAll, beforeAll } from 'vitest';
import { type Simulator, startSimulator } from '../../simulator/index.js';
import type {
  BatchListJobDetailsResponse,
  BatchListProgressesResponse,
  BatchListStructDetailResponse,
} from '../../src/drs/types.js';
import { type CallInit, call } from './simulator-helpers.js';

export interface V3Fixture {
  sim: Simulator;
  /** The first project's id. */
  pid: string;
  /** Its first 1,000 seeded job ids. */
  ids: string[];
  detail(body: unknown, init?: CallInit): ReturnType<typeof call<BatchListJobDetailsResponse>>;
  progress(body: unknown, init?: CallInit): ReturnType<typeof call<BatchListProgressesResponse>>;
  struct(type: string, body: unknown, init?: CallInit): ReturnType<typeof call<BatchListStructDetailResponse>>;
}

/**
 * The simulator the v3 test files share: seed 7, a manual clock, no released jobs, started before
 * the file's tests and closed after them, with one caller per v3 batch API.
 */
export function useV3Simulator(): V3Fixture {
  const fixture: V3Fixture = {
    sim: undefined as unknown as Simulator,
    pid: '',
    ids: [],
    detail: (body, init = {}) => call(fixture.sim, `/v3/${fixture.pid}/jobs/batch-detail`, { ...init, body }),
    progress: (body, init = {}) => call(fixture.sim, `/v3/${fixture.pid}/jobs/batch-progress`, { ...init, body }),
    struct: (type, body, init = {}) =>
      call(fixture.sim, `/v3/${fixture.pid}/jobs/${type}/batch-struct-detail`, { ...init, body }),
  };
  beforeAll(async () => {
    fixture.sim = await startSimulator({ seed: 7, releasedRate: 0, clock: 'manual' });
    fixture.pid = fixture.sim.projects[0]?.projectId ?? '';
    fixture.ids = fixture.sim.jobIds(fixture.pid, 1000);
  });
  afterAll(async () => {
    await fixture.sim.close();
  });
  return fixture;
}
