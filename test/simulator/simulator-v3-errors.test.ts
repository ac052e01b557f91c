import { beforeAll, describe, expect, it } from 'vitest';
import { type Simulator, unknownJobId } from '../../simulator/index.js';
import { useV3Simulator } from '../support/simulator-v3-fixture.js';

/** v3 batch APIs: per-item errors and token authentication. */

const v3 = useV3Simulator();
const { detail, progress, struct } = v3;
let sim: Simulator;
let ids: string[];
beforeAll(() => {
  ({ sim, ids } = v3);
});

describe('per-item errors', () => {
  it('name their fields differently per API and keep 200/202 for a mixed batch', async () => {
    const jobs = [ids[0], unknownJobId(1)];
    const d = await detail({ jobs });
    expect(d.status).toBe(200);
    expect(d.json.results?.[1]).toEqual({
      id: unknownJobId(1),
      error_code: 'DRS.M00289',
      error_message: expect.any(String),
    });
    const p = await progress({ jobs });
    expect(p.status).toBe(202);
    expect(p.json.results?.[1]).toEqual({
      job_id: unknownJobId(1),
      error_code: 'DRS.M00289',
      error_msg: expect.any(String),
    });
    const s = await struct('view', { jobs });
    expect(s.status).toBe(200);
    expect(s.json.results?.[1]).toEqual({
      job_id: unknownJobId(1),
      error_code: 'DRS.M00289',
      error_message: expect.any(String),
    });
  });

  it('turn the whole call into HTTP 400 with the results body when every ID is unknown', async () => {
    const jobs = [unknownJobId(1), unknownJobId(2)];
    for (const res of [await detail({ jobs }), await progress({ jobs }), await struct('table', { jobs })]) {
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({
        count: 2,
        results: [{ error_code: 'DRS.M00289' }, { error_code: 'DRS.M00289' }],
      });
    }
  });

  it("answer a mixed batch with 400 under mixedUnknown: 'http400'", async () => {
    sim.configure({ mixedUnknown: 'http400' });
    const res = await detail({ jobs: [ids[0], unknownJobId(3)] });
    sim.configure({ mixedUnknown: 'per-item' });
    expect(res.status).toBe(400);
    expect(res.json.results?.[0]?.id).toBe(ids[0]);
    expect(res.json.results?.[1]?.error_code).toBe('DRS.M00289');
  });

  it('answer DRS.M05004 for released jobs', async () => {
    sim.configure({ releasedRate: 1 });
    const res = await detail({ jobs: ids.slice(0, 2) });
    sim.configure({ releasedRate: 0 });
    expect(res.status).toBe(400);
    expect(res.json.results?.[0]).toMatchObject({ id: ids[0], error_code: 'DRS.M05004' });
  });
});

describe('authentication', () => {
  it('answers 401 APIG.0301 without a token or with an unknown one', async () => {
    const missing = await detail({ jobs: [ids[0]] }, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.json).toEqual({
      error_msg: 'Incorrect IAM authentication information: x-auth-token not found',
      error_code: 'APIG.0301',
      request_id: missing.requestId,
    });
    const wrong = await progress({ jobs: [ids[0]] }, { token: 'MIIforged' });
    expect(wrong.status).toBe(401);
    expect(wrong.json).toEqual({
      error_msg: 'Incorrect IAM authentication information: decrypt token fail',
      error_code: 'APIG.0301',
      request_id: wrong.requestId,
    });
  });

  it("answers 403 DRS.M00261 for a valid token on another project's path", async () => {
    const res = await struct('table', { jobs: [ids[0]] }, { token: sim.projects[1]?.token });
    expect(res.status).toBe(403);
    expect(res.json).toEqual({ error_code: 'DRS.M00261', error_msg: 'Invalid project ID.' });
  });

  it('puts a 32-hex X-Request-Id on every response', async () => {
    const answers = [
      await detail({ jobs: [ids[0]] }),
      await detail({}),
      await detail({ jobs: [ids[0]] }, { token: null }),
    ];
    for (const a of answers) expect(a.requestId).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(answers.map((a) => a.requestId)).size).toBe(3);
  });
});
