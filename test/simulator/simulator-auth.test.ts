import { AKSKSigner } from '@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js';
import { BasicCredentials } from '@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/index.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { answerOf, iamError, permanentKey, signedCall } from '../support/simulator-helpers.js';

let sim: Simulator;
let pid: string;
let ids: string[];
const detailPath = () => `/v3/${pid}/jobs/batch-detail`;

const started = useSimulator({ seed: 11, clock: 'manual', releasedRate: 0 }, 3);
beforeAll(() => {
  ({ sim, pid, ids } = started);
});
beforeEach(() => sim.resetLockouts());

describe('AK/SK with the official Node.js signer', () => {
  it('accepts a signed POST (JSON body hash) and a signed GET (UNSIGNED-PAYLOAD) on all APIs', async () => {
    const key = permanentKey(sim, pid);
    sim.resetCalls();
    const post = await signedCall(sim, key, { path: detailPath(), body: { jobs: ids, page_req: { per_page: 0 } } });
    expect(post.status).toBe(200);
    expect(post.json.results.map((r: { id: string }) => r.id)).toEqual(ids);
    const [asyncId] = sim.asyncJobIds(pid);
    const v5 = await signedCall(sim, key, { path: `/v5/${pid}/batch-async-jobs/${asyncId}`, query: { limit: '1' } });
    expect(v5.status).toBe(200);
    const flow = await signedCall(sim, key, {
      path: `/v5/${pid}/jobs/${ids[0]}/progress-data/table`,
      query: { offset: '0' },
    });
    expect(flow.status).toBe(200);
    expect(sim.calls.map((c) => [c.credential, c.ak, c.outcome])).toEqual([
      ['aksk', key.ak, 'ok'],
      ['aksk', key.ak, 'ok'],
      ['aksk', key.ak, 'ok'],
    ]);
  });

  it('refuses a tampered body, path, query, signed header or date with verify aksk signature fail', async () => {
    const key = permanentKey(sim, pid);
    const body = { jobs: ids.slice(0, 1) };
    const tampers: [string, Parameters<typeof signedCall>[2]['tamper']][] = [
      ['body', (r) => (r.body = JSON.stringify({ jobs: ids.slice(1, 2) }))],
      ['body whitespace', (r) => (r.body = `${r.body} `)],
      ['path', (r) => (r.path = `/v3/${pid}/jobs/batch-progress`)],
      ['query', (r) => (r.query = 'x=1')],
      ['signed header', (r) => (r.headers['Content-Type'] = 'application/json;charset=utf8')],
      ['date', (r) => (r.headers['X-Sdk-Date'] = sdkDate(Date.now() - 60_000))],
      ['signature', (r) => (r.headers.Authorization = `${r.headers.Authorization?.slice(0, -4)}0000`)],
    ];
    for (const [what, tamper] of tampers) {
      sim.resetLockouts();
      const res = await signedCall(sim, key, { path: detailPath(), body, tamper });
      expect(res.status, what).toBe(401);
      expect(res.json, what).toEqual(iamError(res, 'verify aksk signature fail'));
      expect(res.requestId).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('refuses an X-Sdk-Date more than 15 minutes off with signature expired', async () => {
    const key = permanentKey(sim, pid);
    for (const skew of [-16 * 60_000, 16 * 60_000]) {
      const res = await signAt(key, Date.now() + skew);
      expect(res.status).toBe(401);
      expect(res.json).toEqual(iamError(res, 'calc ak sk signature fail:signature expired'));
    }
    expect((await signAt(key, Date.now() - 14 * 60_000)).status).toBe(200);
  });

  it('answers an unknown AK with Get secretKey failed … ak not exist', async () => {
    const res = await signedCall(
      sim,
      { ak: 'NOSUCHAK0000000000000', sk: 'x', projectIds: [pid] },
      {
        path: detailPath(),
        body: { jobs: ids },
      },
    );
    expect(res.status).toBe(401);
    expect(res.json).toEqual(iamError(res, 'Get secretKey failed,ak:NOSUCHAK0000000000000,err:ak not exist'));
  });
});

function sdkDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

/** Signs with the SDK's AKSKSigner at a chosen X-Sdk-Date (one it finds in the headers). */
async function signAt(key: { ak: string; sk: string }, ms: number) {
  const credentials = new BasicCredentials().withAk(key.ak).withSk(key.sk);
  const body = { jobs: ids };
  const headers = { 'Content-Type': 'application/json', 'X-Sdk-Date': sdkDate(ms) };
  const signed = AKSKSigner.sign(
    { endpoint: `${sim.url}${detailPath()}`, method: 'POST', headers, data: body, queryParams: {} },
    credentials,
  ) as Record<string, string>;
  const { host: _host, ...sendable } = signed;
  return answerOf<any>(
    await fetch(`${sim.url}${detailPath()}`, { method: 'POST', headers: sendable, body: JSON.stringify(body) }),
  );
}
