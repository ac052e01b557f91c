import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  // No configured credential: every caller brings its own token and project.
  h = await startHarness({ DRS_AUTH_TOKEN: '', DRS_BATCH_SIZE: '7' });
});
afterAll(() => h.close());

const QUERY = `query($ids: [ID!]!) { jobs(ids: $ids) { id name sourceEndpoint { projectId } progress { jobId } } }`;

describe('tenant isolation', () => {
  it('serves each caller its own project (X-Project-Id + X-Auth-Token), never mixing rows, under 300 interleaved requests', async () => {
    const tenants = h.sim.projects.slice(0, 2).map((project) => ({
      ...project,
      ids: h.sim.jobIds(project.projectId, 40),
    }));
    h.sim.resetCalls();
    const runs = Array.from({ length: 300 }, async (_, i) => {
      const me = tenants[i % 2]!;
      const other = tenants[(i + 1) % 2]!;
      // Half of the requests also ask for the other tenant's ids: they must come back NOT_FOUND.
      const ids = [...me.ids.slice(i % 30, (i % 30) + 8), ...(i % 4 < 2 ? [] : other.ids.slice(0, 2))];
      const res = await fetchAs(me, ids);
      return { me, other, ids, res };
    });
    let crossTenantRows = 0;
    for (const { me, other, ids, res } of await Promise.all(runs)) {
      for (const [index, job] of (res.data?.jobs ?? []).entries()) {
        const id = ids[index]!;
        if (other.ids.includes(id)) {
          if (job !== null) crossTenantRows++;
        } else {
          expect(job?.id).toBe(id);
          expect(job?.progress?.jobId).toBe(id);
          expect(me.ids).toContain(job?.id);
        }
      }
      for (const error of res.errors ?? []) expect(error.extensions?.code).toBe('NOT_FOUND');
    }
    expect(crossTenantRows).toBe(0);
    // Every upstream call went to the caller's own project path with its own token (else 401/403).
    for (const call of h.sim.calls)
      expect(call.status === 200 || call.status === 202 || call.outcome === 'not-found').toBe(true);
    expect(h.sim.calls.length).toBeGreaterThanOrEqual(600);
  });

  it('rejects a malformed X-Project-Id before any upstream call', async () => {
    const [tenant] = h.sim.projects;
    const res = await h.gql(
      QUERY,
      { ids: h.sim.jobIds(tenant!.projectId, 1) },
      { 'x-project-id': '../../admin', 'x-auth-token': tenant!.token },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/X-Project-Id/);
    expect(h.calls()).toHaveLength(0);
  });

  function fetchAs(tenant: { projectId: string; token: string }, ids: string[]) {
    return h.gqlRaw(QUERY, { ids }, { 'x-project-id': tenant.projectId, 'x-auth-token': tenant.token });
  }
});
