import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

const ONE = `query($id: ID!) { job(id: $id) { id name } }`;

/**
 * Found by bench/soak.ts: a call waiting out a retry back-off (2–5 s after a bare 429) kept its
 * DRS_MAX_CONCURRENCY slot while it slept, so a few throttled calls of one tenant held every slot of
 * the API and everyone else's calls queued behind the sleep (dashboards at p50 2 s at 3% 429s).
 */
describe('a call waiting to retry gives its concurrency slot back', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ DRS_MAX_CONCURRENCY: '1' });
  });
  afterAll(() => h.close());

  it("lets another tenant's call through during the back-off, then retries", async () => {
    const [a, b] = h.sim.projects;
    const asA = { 'x-auth-token': a!.token, 'x-project-id': a!.projectId };
    const asB = { 'x-auth-token': b!.token, 'x-project-id': b!.projectId };
    const [idA] = h.sim.jobIds(a!.projectId, 1);
    const [idB] = h.sim.jobIds(b!.projectId, 1);
    // A's first call is told to come back in 1 s; every later call is answered.
    h.sim.faults.set('batch-detail', '429:1,ok');
    h.sim.resetCalls();
    const first = h.gqlRaw(ONE, { id: idA }, asA);
    // B asks once A's call has been refused and A is sleeping on the API's only slot.
    while (h.sim.calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = performance.now();
    const second = await h.gqlRaw(ONE, { id: idB }, asB);
    const waitedMs = performance.now() - started;
    const answerA = await first;

    expect(answerA.data?.job).toMatchObject({ id: idA });
    expect(second.data?.job).toMatchObject({ id: idB });
    const calls = h.sim.calls.filter((c) => c.api === 'batch-detail');
    // Three calls: A refused, B answered during A's back-off, A's retry answered.
    expect(calls.map((c) => [c.projectId, c.status])).toEqual([
      [a!.projectId, 429],
      [b!.projectId, 200],
      [a!.projectId, 200],
    ]);
    // Well under A's 1 s back-off (generous: the machine is shared).
    expect(waitedMs).toBeLessThan(800);
  });
});
