import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { durationSeconds } from '../../src/schema/wire-duration.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ DRS_BATCH_SIZE: '50' });
});
afterAll(() => h.close());

describe('remainingSeconds beside the deprecated remainingTime', () => {
  it('answers Int seconds for every job and phase of batch-progress, in the same one call', async () => {
    const ids = h.sim.jobIds(h.projectId, 60);
    const res = await h.gql(
      `query($ids: [ID!]!) { jobs(ids: $ids) { id progress {
        remainingTime remainingSeconds phases { phase remainingTime remainingSeconds } } } }`,
      { ids },
    );
    expect(res.errors).toBeUndefined();
    let counted = 0;
    let positive = 0;
    for (const [i, job] of res.data.jobs.entries()) {
      const wire = h.sim.jobProgress(h.projectId, ids[i]!);
      const expected = durationSeconds(wire.remaining_time);
      expect(job.progress.remainingSeconds).toBe(expected);
      expect(job.progress.remainingTime).toBe(wire.remaining_time || null);
      counted++;
      if (expected !== null && expected > 0) positive++;
      for (const phase of job.progress.phases) {
        const wirePhase = wire.progress_map?.[phase.phase.toLowerCase()];
        expect(phase.remainingSeconds).toBe(durationSeconds(wirePhase?.remaining_time));
      }
    }
    expect(counted).toBe(60);
    // The seeded world has jobs mid-transfer: the comparison is not only between nulls and zeros.
    expect(positive).toBeGreaterThan(0);
    expect(h.calls('batch-progress')).toHaveLength(1);
    expect(h.calls('batch-detail')).toHaveLength(2);
    expect(h.calls()).toHaveLength(3);
  });

  it('answers them for v5 jobs from the batch-async-jobs call alone', async () => {
    const batch = h.sim.asyncJobIds(h.projectId)[0]!;
    const res = await h.gql(
      `query($id: ID!) { asyncJobBatch(id: $id) { jobs(first: 10) { edges { node {
        id progress { remainingTime remainingSeconds } } } } } }`,
      { id: batch },
    );
    expect(res.errors).toBeUndefined();
    const wire = h.sim.asyncJobDetail(h.projectId, batch, { limit: 10 })!.jobs;
    const nodes = res.data.asyncJobBatch.jobs.edges.map((e: any) => e.node);
    expect(nodes.length).toBe(wire.length);
    for (const [i, node] of nodes.entries()) {
      expect(node.progress?.remainingSeconds ?? null).toBe(durationSeconds(wire[i]!.progress_info?.remaining_time));
    }
    expect(h.calls('async-job-detail')).toHaveLength(1);
    expect(h.calls()).toHaveLength(1);
  });

  it('flags remainingTime as deprecated in introspection, with its replacement', async () => {
    const res = await h.gql(`{ __type(name: "Progress") { fields(includeDeprecated: true) {
      name isDeprecated deprecationReason type { name } } } }`);
    expect(res.errors).toBeUndefined();
    const fields = Object.fromEntries(res.data.__type.fields.map((f: any) => [f.name, f]));
    expect(fields.remainingTime.isDeprecated).toBe(true);
    expect(fields.remainingTime.deprecationReason).toMatch(/`remainingSeconds`/);
    expect(fields.remainingSeconds).toMatchObject({ isDeprecated: false, type: { name: 'Int' } });
    expect(h.calls()).toHaveLength(0);
  });
});
