import type {
  BatchListJobDetailsResponse,
  BatchListProgressesResponse,
  BatchListStructDetailResponse,
} from '../../src/drs/types.js';
import { type SimulatorFixture, useSimulator } from './simulator-fixture.js';
import { type CallInit, call } from './simulator-helpers.js';

/** The shared simulator (`ids`: its first 1,000 seeded job ids) with one caller per v3 batch API. */
export interface V3Fixture extends SimulatorFixture {
  detail(body: unknown, init?: CallInit): ReturnType<typeof call<BatchListJobDetailsResponse>>;
  progress(body: unknown, init?: CallInit): ReturnType<typeof call<BatchListProgressesResponse>>;
  struct(type: string, body: unknown, init?: CallInit): ReturnType<typeof call<BatchListStructDetailResponse>>;
}

/**
 * The simulator the v3 test files share: seed 7, a manual clock, no released jobs, started before
 * the file's tests and closed after them, with one caller per v3 batch API.
 */
export function useV3Simulator(): V3Fixture {
  const fixture = useSimulator({ seed: 7, releasedRate: 0, clock: 'manual' }, 1000) as V3Fixture;
  fixture.detail = (body, init = {}) => call(fixture.sim, `/v3/${fixture.pid}/jobs/batch-detail`, { ...init, body });
  fixture.progress = (body, init = {}) =>
    call(fixture.sim, `/v3/${fixture.pid}/jobs/batch-progress`, { ...init, body });
  fixture.struct = (type, body, init = {}) =>
    call(fixture.sim, `/v3/${fixture.pid}/jobs/${type}/batch-struct-detail`, { ...init, body });
  return fixture;
}
