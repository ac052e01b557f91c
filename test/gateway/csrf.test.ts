import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

describe('POST bodies other than JSON (CSRF: simple requests any page may send)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('are refused with 415 before parsing, and never reach DRS', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const query = `{ job(id: "${id}") { id name } }`;
    const form = new FormData();
    form.set('operations', JSON.stringify({ query }));
    const bodies: [string, RequestInit][] = [
      ['urlencoded', { body: new URLSearchParams({ query }), headers: {} }],
      ['multipart', { body: form, headers: {} }],
      ['text/plain', { body: JSON.stringify({ query }), headers: { 'content-type': 'text/plain' } }],
    ];
    h.sim.resetCalls();
    for (const [name, init] of bodies) {
      const res = await h.fetch('http://gateway/graphql', { method: 'POST', ...init });
      expect(res.status, name).toBe(415);
      const body = (await res.json()) as { errors: { extensions: { code: string } }[] };
      expect(body.errors[0]!.extensions.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(h.calls()).toHaveLength(0);
    // The same query as JSON is answered.
    expect((await h.gql(query)).data.job.id).toBe(id);
  });
});
