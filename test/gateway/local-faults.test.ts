import { setTimeout as sleep } from 'node:timers/promises';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startHarness } from '../support/harness.js';

/** Failures that are not DRS's must not trip the breaker DRS's health is judged by. */
describe('local faults and the circuit breaker', () => {
  it('a token undici could not send is refused before any call and never opens the breaker', async () => {
    const h = await startHarness({ DRS_BREAKER_FAILURES: '3' });
    const url = h.wsUrl;
    const [id] = h.sim.jobIds(h.projectId, 1);
    const ask = (connectionParams: Record<string, string>) => {
      const client = createClient({ url, webSocketImpl: WebSocket, lazy: true, connectionParams });
      return new Promise<{ data?: any; errors?: any[] }>((resolve, reject) => {
        client.subscribe(
          { query: `{ job(id: "${id}") { id } }` },
          { next: (value) => resolve(value as { data?: any; errors?: any[] }), error: reject, complete: () => {} },
        );
      }).finally(() => client.dispose());
    };
    try {
      h.sim.resetCalls();
      // A control character passes the Fetch Headers class but no HTTP client will send it.
      for (let i = 0; i < 10; i++) {
        const refused = await ask({ 'X-Auth-Token': `MIIbad\u0001token${i}` });
        expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', retryable: false });
      }
      expect(h.calls()).toHaveLength(0);
      const good = await ask({ 'X-Auth-Token': h.token });
      expect(good.errors).toBeUndefined();
      expect(good.data.job.id).toBe(id);
      expect(h.calls()).toHaveLength(1);
    } finally {
      await h.close();
    }
  });

  it('once the half-open probe succeeds, the rest of the dashboard goes through', async () => {
    const h = await startHarness({
      DRS_BREAKER_FAILURES: '3',
      DRS_BREAKER_COOLDOWN_MS: '300',
      DRS_RETRY_MAX: '0',
      DRS_BATCH_SIZE: '10',
    });
    try {
      const ids = h.sim.jobIds(h.projectId, 25);
      h.sim.faults.set('batch-detail', { steps: '502', repeat: true });
      for (let i = 0; i < 3; i++) await h.gql('query($id: ID!) { job(id: $id) { id } }', { id: ids[0] });
      const open = await h.gql('query($ids: [ID!]!) { jobs(ids: $ids) { id } }', { ids });
      expect(open.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(h.calls()).toHaveLength(0);
      h.sim.faults.clear();
      await sleep(350);
      // Three chunks of one query: the first is the probe, the other two wait for it, then go.
      const res = await h.gql('query($ids: [ID!]!) { jobs(ids: $ids) { id name } }', { ids });
      expect(res.errors).toBeUndefined();
      expect(res.data.jobs.map((job: { id: string }) => job.id)).toEqual(ids);
      expect(h.calls('batch-detail')).toHaveLength(3);
    } finally {
      await h.close();
    }
  });
});
