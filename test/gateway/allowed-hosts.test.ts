import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostAllowed } from '../../src/allowed-hosts.js';
import { type Harness, startHarness } from '../support/harness.js';

describe('ALLOWED_HOSTS (DNS rebinding)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ ALLOWED_HOSTS: 'Gateway.internal, 127.0.0.1' });
  });
  afterAll(() => h.close());

  const send = (host: string) =>
    request(h.url, {
      method: 'POST',
      headers: { host, 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ job(id: "${h.sim.jobIds(h.projectId, 1)[0]}") { id } }` }),
    });

  it('refuses a request whose Host is another name for the same address, before any DRS call', async () => {
    h.sim.resetCalls();
    const res = await send('evil.example.net:4000');
    expect(res.statusCode).toBe(403);
    expect(((await res.body.json()) as any).errors[0].extensions).toEqual({ code: 'FORBIDDEN', retryable: false });
    expect(h.calls()).toHaveLength(0);
  });

  it('serves the names it is given, with any port', async () => {
    for (const host of ['gateway.internal', 'GATEWAY.internal:8443', new URL(h.url).host]) {
      h.sim.resetCalls();
      const res = await send(host);
      expect(res.statusCode, host).toBe(200);
      expect(((await res.body.json()) as any).data.job.id).toBeTruthy();
      expect(h.calls()).toHaveLength(1);
    }
  });

  it('compares host names without ports or IPv6 brackets', () => {
    expect(hostAllowed('[::1]:4000', ['::1'])).toBe(true);
    expect(hostAllowed(undefined, ['a'])).toBe(false);
    expect(hostAllowed('anything', undefined)).toBe(true);
  });
});
