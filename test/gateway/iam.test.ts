import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Simulator } from '../../simulator/index.js';
import type { DrsObserver } from '../../src/drs/client.js';
import { type GraphQLResponse, type Harness, startHarness } from '../support/harness.js';
import { captureLogs, type LogCapture } from '../support/log-capture.js';

const HOUR = 3_600_000;
const JOB = 'query($id: ID!) { job(id: $id) { id name } }';

/** The gateway's own credential is the simulator's IAM user (no fixed token), IAM on the simulator. */
const iamEnv =
  (password?: string) =>
  (sim: Simulator): Record<string, string> => {
    const user = sim.iamUsers[0]!;
    return {
      DRS_AUTH_TOKEN: '',
      DRS_IAM_ENDPOINT: sim.url,
      DRS_IAM_USER: user.name,
      DRS_IAM_PASSWORD: password ?? user.password,
      DRS_IAM_DOMAIN: user.domain,
    };
  };

interface Running {
  h: Harness;
  logs: LogCapture;
  /** Every X-Auth-Token the gateway sent to DRS, in order. */
  sent: string[];
  /** The simulator's calls of one API since the last `reset()` (the harness's `gql` would reset them). */
  calls(api: string): Simulator['calls'];
  reset(): void;
  job(id?: string): Promise<GraphQLResponse>;
}

const open: Harness[] = [];
afterEach(async () => {
  for (const h of open.splice(0)) await h.close();
});

async function start(password?: string, env: Record<string, string> = {}): Promise<Running> {
  const logs = captureLogs('debug');
  const sent: string[] = [];
  const observer: DrsObserver = {
    attempt(info) {
      const token = info.headers['x-auth-token'];
      if (token) sent.push(token);
      return undefined;
    },
  };
  const h = await startHarness(
    (sim) => ({ ...iamEnv(password)(sim), LOG_LEVEL: 'debug', ...env }),
    {},
    { logger: logs.logger, observer, simulatorClock: true },
  );
  open.push(h);
  const id = h.sim.jobIds(h.projectId, 1)[0]!;
  return {
    h,
    logs,
    sent,
    calls: (api) => h.sim.calls.filter((c) => c.api === api),
    reset: () => h.sim.resetCalls(),
    job: (jobId = id) => h.gqlRaw(JOB, { id: jobId }),
  };
}

describe("the gateway's own IAM token (DRS_IAM_*)", () => {
  it('is fetched once for 20 concurrent requests (single flight), then served from memory', async () => {
    const r = await start();
    const ids = r.h.sim.jobIds(r.h.projectId, 20);
    const answers = await Promise.all(ids.map((id) => r.job(id)));
    expect(answers.map((a) => a.errors)).toEqual(Array(20).fill(undefined));
    expect(answers.map((a) => a.data.job.id)).toEqual(ids);
    expect(r.calls('iam-token').map((c) => [c.status, c.projectId])).toEqual([[201, r.h.projectId]]);
    expect(r.calls('batch-detail').map((c) => c.status)).toEqual(Array(20).fill(200));
    // Every DRS call carried the one token IAM issued (not the project's fixed token).
    expect(new Set(r.sent).size).toBe(1);
    expect(r.sent[0]).not.toBe(r.h.token);
    r.reset();
    await r.job();
    expect(r.calls('iam-token')).toHaveLength(0);
  });

  it('is renewed in its last hour on the simulated clock, with no failed DRS call', async () => {
    const r = await start();
    await r.job();
    const first = r.sent[0]!;
    r.reset();
    r.h.sim.clock.advance(22 * HOUR + 50 * 60_000); // 10 minutes before the renewal window
    expect((await r.job()).errors).toBeUndefined();
    expect(r.calls('iam-token')).toHaveLength(0);
    r.h.sim.clock.advance(20 * 60_000); // 23 h 10 min: in the last hour
    expect((await r.job()).errors).toBeUndefined();
    // The request was served with the held token while exactly one renewal ran beside it.
    await vi.waitFor(() => expect(r.calls('iam-token').map((c) => c.status)).toEqual([201]));
    r.h.sim.clock.advance(HOUR); // 24 h 10 min: the first token has expired at the simulator
    const after = await r.job();
    expect(after.errors).toBeUndefined();
    expect(r.calls('iam-token')).toHaveLength(1);
    expect(r.calls('batch-detail').map((c) => c.status)).toEqual([200, 200, 200]);
    expect(r.sent.at(-1)).not.toBe(first);
  });

  it('a failed renewal keeps the held token until it expires, then answers a coded, retryable error', async () => {
    const r = await start();
    await r.job();
    r.reset();
    r.h.sim.faults.set('iam-token', { steps: '503', repeat: true });
    r.h.sim.clock.advance(23 * HOUR + 30 * 60_000);
    expect((await r.job()).errors).toBeUndefined();
    await vi.waitFor(() => expect(r.calls('iam-token').map((c) => c.status)).toEqual([503]));
    // IAM is not asked again at once: the held token serves.
    expect((await r.job()).errors).toBeUndefined();
    expect(r.calls('iam-token')).toHaveLength(1);
    r.h.sim.clock.advance(31 * 60_000); // past expiry
    const failed = await r.job();
    expect(failed.errors?.[0]?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE', retryable: true });
    expect(failed.errors?.[0]?.message).toBe('IAM answered HTTP 503');
    expect(r.calls('iam-token')).toHaveLength(2);
    expect(r.calls('batch-detail').map((c) => c.status)).toEqual([200, 200]); // none sent without a token
    r.h.sim.faults.clear();
    r.h.sim.clock.advance(11_000); // the hold after a failure is over
    expect((await r.job()).errors).toBeUndefined();
    expect(r.calls('iam-token').map((c) => c.status)).toEqual([503, 503, 201]);
  });

  it('a token DRS refuses (revoked) is renewed once and the call resent; a fresh one is not', async () => {
    const r = await start();
    await r.job();
    r.reset();
    r.h.sim.revokeIamTokens();
    // Refused within a minute of issue: asking IAM again would not help, so the refusal stands.
    const refused = await r.job();
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'UNAUTHENTICATED', drsCode: 'APIG.0301' });
    expect(r.calls('iam-token')).toHaveLength(0);
    r.reset();
    r.h.sim.clock.advance(2 * 60_000);
    const answer = await r.job();
    expect(answer.errors).toBeUndefined();
    expect(r.h.sim.calls.map((c) => [c.api, c.status])).toEqual([
      ['batch-detail', 401],
      ['iam-token', 201],
      ['batch-detail', 200],
    ]);
  });

  it('a wrong password: a coded error on the answer, one IAM call, readiness and logs say why', async () => {
    const r = await start('not-the-password');
    const first = await r.job();
    expect(first.data).toEqual({ job: null });
    // requestId: IAM's X-Request-Id, to quote to support.
    expect(first.errors?.[0]?.extensions).toEqual({
      code: 'UNAUTHENTICATED',
      retryable: false,
      requestId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(first.errors?.[0]?.message).toBe(
      "IAM refused the gateway's credential (DRS_IAM_USER, DRS_IAM_PASSWORD, DRS_IAM_DOMAIN): The username or password is wrong.",
    );
    // Held back: a second query does not try the wrong password again (IAM may lock the user).
    expect((await r.job()).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(r.calls('iam-token').map((c) => c.status)).toEqual([401]);
    expect(r.calls('batch-detail')).toHaveLength(0);
    const readiness = await r.h.fetch('http://gateway/readiness');
    expect(readiness.status).toBe(503);
    expect((await readiness.json()).checks.iam).toEqual({ ok: false, code: 'LOCAL.IAM_REJECTED' });
    expect(r.logs.text()).toContain(
      "IAM: no token for DRS_IAM_USER=sim-user: IAM refused the gateway's credential (DRS_IAM_USER, DRS_IAM_PASSWORD, DRS_IAM_DOMAIN): The username or password is wrong.",
    );
    expect(r.logs.text()).not.toContain('not-the-password');
    // A caller's own token still works: the gateway's credential is only the fallback.
    const own = await r.h.gqlRaw(JOB, { id: r.h.sim.jobIds(r.h.projectId, 1)[0] }, { 'x-auth-token': r.h.token });
    expect(own.errors).toBeUndefined();
  });

  it('never shows the token or the password in logs, answers, readiness or metrics', async () => {
    const r = await start();
    const answers = [await r.job(), await r.job('0'.repeat(36))];
    r.h.sim.clock.advance(23 * HOUR + 10 * 60_000);
    answers.push(await r.job());
    await vi.waitFor(() => expect(new Set(r.sent).size).toBe(1));
    await vi.waitFor(async () => {
      answers.push(await r.job());
      expect(new Set(r.sent).size).toBe(2);
    });
    const readiness = await (await r.h.fetch('http://gateway/readiness')).text();
    const metrics = await (await r.h.fetch('http://gateway/metrics')).text();
    expect(JSON.parse(readiness).checks.iam).toEqual({ ok: true });
    expect(metrics).toContain('drs_gateway_iam_token_requests_total{outcome="ok"} 2');
    const seen = [r.logs.text(), JSON.stringify(answers), readiness, metrics].join('\n');
    expect(r.logs.text()).toContain('IAM: token obtained for DRS_IAM_USER=sim-user, valid 24.0 h');
    for (const secret of [...new Set(r.sent), r.h.sim.iamUsers[0]!.password]) expect(seen).not.toContain(secret);
  });
});

describe('DRS_REGION with DRS_ENDPOINT', () => {
  it('DRS_ENDPOINT overrides the region’s DRS host; the banner and config keep the region', async () => {
    const h = await startHarness({ DRS_REGION: 'eu-west-101' });
    open.push(h);
    expect(h.config.region).toBe('eu-west-101');
    expect(h.config.drsEndpoint).toBe(h.sim.url);
    const answer = await h.gql(JOB, { id: h.sim.jobIds(h.projectId, 1)[0] });
    expect(answer.errors).toBeUndefined();
    expect(h.calls().map((c) => [c.api, c.status])).toEqual([['batch-detail', 200]]);
  });
});
