import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswer } from '../../bench/soak-check.js';
import { Oracle, type Tenant } from '../../bench/soak-oracle.js';
import { type SoakRequest, soakRequest } from '../../bench/soak-queries.js';
import { type Harness, startHarness } from '../support/harness.js';

/** bench/soak.ts's answer check, on real answers of the gateway: it passes them, and fails them tampered. */
describe('the soak checks every answer against the simulator world', () => {
  let h: Harness;
  let oracle: Oracle;
  let a: Tenant;
  let b: Tenant;
  beforeAll(async () => {
    // The soak's world: seed 1, 2,000 jobs, the default share of released jobs, a clock that stands still.
    [h, oracle] = await Promise.all([startHarness({}, { jobs: 2000, releasedRate: 0.02 }), Oracle.start(1, 2000)]);
    [a, b] = oracle.tenants() as [Tenant, Tenant];
  });
  afterAll(() => Promise.all([h.close(), oracle.close()]));

  const send = async (request: SoakRequest, tenant: Tenant) => {
    h.sim.resetCalls();
    const res = await h.fetch(h.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': tenant.token, 'x-project-id': tenant.projectId },
      body: request.body,
    });
    return { status: res.status, text: await res.text() };
  };

  // The 5th dashboard: 25 of A's jobs, one of B's and one of A's released jobs.
  const dashboard = () => soakRequest('dashboard', 4, a, b, oracle);

  it('passes a real answer: 25 rows and their progress equal, the two absent jobs null with NOT_FOUND', async () => {
    const { status, text } = await send(dashboard(), a);
    const verdict = checkAnswer(dashboard(), status, text);
    expect(verdict).toMatchObject({ outcome: 'ok', problems: [], rows: 50 });
    expect(verdict.codes).toEqual(Array(2).fill('NOT_FOUND, asked-for job absent (expected)'));
    expect(h.calls('batch-detail')).toHaveLength(3);
    expect(h.calls('batch-progress')).toHaveLength(1);
    expect(h.calls('batch-struct-detail')).toHaveLength(1);
  });

  it('fails swapped rows, a foreign row, a dropped error and an uncoded one', async () => {
    const { status, text } = await send(dashboard(), a);
    const answer = JSON.parse(text);
    const tamper = (change: (x: any) => void) => {
      const copy = structuredClone(answer);
      change(copy);
      return checkAnswer(dashboard(), status, JSON.stringify(copy)).problems;
    };
    const jobs = (x: any) => x.data.jobs;
    expect(tamper((x) => jobs(x).splice(0, 2, jobs(x)[1], jobs(x)[0]))).not.toEqual([]);
    expect(tamper((x) => (jobs(x)[25] = jobs(x)[0]))).toContainEqual(
      expect.stringContaining('where the world has null'),
    );
    expect(tamper((x) => x.errors.pop())).toContainEqual(expect.stringContaining('null without an error'));
    expect(tamper((x) => delete x.errors[0].extensions.code)).toContainEqual(expect.stringContaining('uncoded'));
    expect(tamper((x) => (jobs(x)[3].progress.percent = 101))).toContainEqual(
      expect.stringContaining('jobs.3.progress.percent'),
    );
  });

  it('calls an upstream failure partial, and only on the jobs it concerns', async () => {
    h.sim.faults.set('batch-progress', '500');
    const { status, text } = await send(dashboard(), a);
    h.sim.faults.clear();
    const verdict = checkAnswer(dashboard(), status, text);
    expect(verdict).toMatchObject({ outcome: 'partial', problems: [] });
    expect(verdict.codes.filter((c) => c === 'UPSTREAM_ERROR')).toHaveLength(25);
    expect(h.calls('batch-progress')).toHaveLength(1);
    // The same failure claimed for a job whose row is there would be wrong.
    const answer = JSON.parse(text);
    answer.errors.find((e: any) => e.extensions.code === 'UPSTREAM_ERROR').path = ['jobs', 0, 'name'];
    expect(checkAnswer(dashboard(), status, JSON.stringify(answer)).problems).toContainEqual(
      expect.stringContaining('which has a value'),
    );
  });
});
