import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from '../../simulator/index.js';
import { useSimulator } from '../support/simulator-fixture.js';
import { call, get, iamError, permanentKey, signedCall, temporaryKey } from '../support/simulator-helpers.js';

let sim: Simulator;
let pid: string;
let other: string;
let ids: string[];
const detailPath = () => `/v3/${pid}/jobs/batch-detail`;

const started = useSimulator({ seed: 11, clock: 'manual', releasedRate: 0 }, 3);
beforeAll(() => {
  ({ sim, pid, ids } = started);
  other = sim.projects[1]?.projectId ?? '';
});
beforeEach(() => sim.resetLockouts());

describe('AK/SK scope: temporary credentials, projects, lockout', () => {
  it('requires and verifies X-Security-Token for temporary credentials', async () => {
    const temp = temporaryKey(sim);
    const ok = await signedCall(sim, temp, { path: detailPath(), body: { jobs: ids } });
    expect(ok.status).toBe(200);
    // Signed without the token: IAM cannot resolve a temporary AK without it.
    const missing = await signedCall(
      sim,
      { ...temp, securityToken: undefined },
      { path: detailPath(), body: { jobs: ids } },
    );
    expect(missing.json).toEqual(iamError(missing, `Get secretKey failed,ak:${temp.ak},err:ak not exist`));
    const wrong = await signedCall(
      sim,
      { ...temp, securityToken: `${temp.securityToken}x` },
      {
        path: detailPath(),
        body: { jobs: ids },
      },
    );
    expect(wrong.json).toEqual(iamError(wrong, 'verify aksk signature fail'));
    // A token sent but left out of SignedHeaders could be swapped in transit: refused.
    const unsigned = await signedCall(
      sim,
      { ...temp, securityToken: undefined },
      {
        path: detailPath(),
        body: { jobs: ids },
        tamper: (r) => (r.headers['X-Security-Token'] = temp.securityToken ?? ''),
      },
    );
    expect(unsigned.json).toEqual(iamError(unsigned, 'verify aksk signature fail'));
  });

  it("binds an AK to its projects and checks a signed X-Project-Id against the path's", async () => {
    const key = permanentKey(sim, pid);
    const elsewhere = await signedCall(sim, key, { path: `/v3/${other}/jobs/batch-detail`, body: { jobs: ids } });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json).toEqual({ error_code: 'DRS.M00261', error_msg: 'Invalid project ID.' });
    const mismatch = await signedCall(sim, temporaryKey(sim), {
      path: detailPath(),
      body: { jobs: ids },
      projectId: other,
    });
    expect(mismatch.status).toBe(403);
    // The temporary AK serves both projects; X-Project-Id may also be left out.
    expect(
      (await signedCall(sim, temporaryKey(sim), { path: detailPath(), body: { jobs: ids }, projectId: null })).status,
    ).toBe(200);
  });

  it('locks an AK for 5 simulated minutes after more than 5 consecutive failures', async () => {
    const key = permanentKey(sim, other);
    const bad = { ...key, sk: 'wrong' };
    const path = `/v3/${other}/jobs/batch-progress`;
    for (let i = 0; i < 6; i++) {
      const res = await signedCall(sim, bad, { path, body: { jobs: sim.jobIds(other, 1) } });
      expect(res.json.error_msg).toBe('Incorrect IAM authentication information: verify aksk signature fail');
    }
    const locked = await signedCall(sim, key, { path, body: { jobs: sim.jobIds(other, 1) } });
    expect(locked.status).toBe(401);
    expect(locked.json).toEqual(iamError(locked, 'AK access failed to reach the limit,forbidden'));
    sim.clock.advance(5 * 60_000 + 1);
    expect((await signedCall(sim, key, { path, body: { jobs: sim.jobIds(other, 1) } })).status).toBe(202);
  });
});

describe('tokens', () => {
  it('are checked before AK/SK only when no Authorization header is sent', async () => {
    const missing = await call(sim, detailPath(), { body: { jobs: ids }, token: null });
    expect(missing.json).toEqual(iamError(missing, 'x-auth-token not found'));
    const v5 = await get(sim, `/v5/${pid}/batch-async-jobs/${sim.asyncJobIds(pid)[0]}`, { token: 'MIIforged' });
    expect(v5.json).toEqual(iamError(v5, 'decrypt token fail'));
    const both = await call(sim, detailPath(), {
      body: { jobs: ids },
      headers: { Authorization: 'SDK-HMAC-SHA256 junk' },
    });
    expect(both.json).toEqual(iamError(both, 'verify aksk signature fail'));
  });
});
