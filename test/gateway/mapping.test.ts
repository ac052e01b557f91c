import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DrsClient } from '../../src/drs/client.js';
import { createDispatcher } from '../../src/drs/dispatcher.js';
import { type Canned, fixture, startFixtureUpstream } from '../support/fixture-upstream.js';

const PROJECT = '054ba152d480d55b2f5dc0069e7ddef0';
const JOB_A = '24834eb6-be30-464e-a299-f7aa730jb101';
const JOB_B = '140b5236-88ad-43c8-811c-1268453jb101';

/** The documented responses, re-keyed so every API answers for the same two jobs. */
function documented(): Record<'batch-detail' | 'batch-progress' | 'batch-struct-detail', Canned> {
  const detail = fixture('batch-detail.extra-2.json');
  detail.results[0].tags = [
    { key1: 'value1', key2: 'value2' },
    { key: 'team', value: 'dba' },
  ];
  detail.results[1].status = 'SOMETHING_DRS_ADDS_TOMORROW';
  detail.results[1].db_use_type = 'teleport';
  const progress = fixture('batch-progress.extra-2.json');
  progress.results[0].job_id = JOB_A;
  progress.results[1].job_id = JOB_B;
  const struct = fixture('batch-struct-detail.spec.json');
  struct.results[0].job_id = JOB_A;
  struct.results.push({
    job_id: JOB_B,
    struct_detail: {
      list: [{ progress: 7, src_db: 'db', src_tb: 'orders', dst_db: 'db2', dst_tb: 'orders' }],
      total_record: 1,
      create_time: '0',
    },
  });
  return {
    'batch-detail': { status: 200, body: detail },
    'batch-progress': { status: 202, body: progress },
    'batch-struct-detail': { status: 200, body: struct },
  };
}

async function gatewayOver(url: string) {
  const config = loadConfig({ DRS_ENDPOINT: url, DRS_PROJECT_ID: PROJECT, DRS_AUTH_TOKEN: 't', LOG_LEVEL: 'silent' });
  const dispatcher = createDispatcher(config);
  const gateway = createGateway({
    config,
    drs: DrsClient.fromConfig(config, url, dispatcher),
    projectId: PROJECT,
  });
  const gql = async (query: string) => {
    // Through yoga alone, no port: the mapping is the point here, not the transport.
    const response = await gateway.yoga.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables: { ids: [JOB_A, JOB_B] } }),
    });
    return (await response.json()) as { data?: any; errors?: any[] };
  };
  return { gql, close: () => gateway.close() };
}

describe('mapping of documented DRS responses', () => {
  let upstream: Awaited<ReturnType<typeof startFixtureUpstream>>;
  let gateway: Awaited<ReturnType<typeof gatewayOver>>;
  beforeAll(async () => {
    upstream = await startFixtureUpstream(documented());
    gateway = await gatewayOver(upstream.url);
  });
  afterAll(async () => {
    await gateway.close();
    await upstream.close();
  });

  it('turns epoch-ms strings into DateTime and the "0" sentinel into null', async () => {
    const res = await gateway.gql(
      `query($ids: [ID!]!) { jobs(ids: $ids) { createdAt updatedAt startedAt fullTransferCompletedAt instance { scheduledStartAt status statusRaw } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs[0]).toEqual({
      createdAt: '2020-12-21T02:57:49.412Z',
      updatedAt: '2020-12-21T03:07:48.979Z',
      startedAt: '2020-12-21T03:07:49.393Z',
      fullTransferCompletedAt: null,
      instance: { scheduledStartAt: null, status: null, statusRaw: null },
    });
    // DRS sent "ACTIVE" where the SDK documents "active": matched case-insensitively.
    expect(res.data.jobs[1].instance).toEqual({ scheduledStartAt: null, status: 'ACTIVE', statusRaw: 'ACTIVE' });
  });

  it('surfaces enum values DRS adds later as UNKNOWN with the raw value beside it', async () => {
    const res = await gateway.gql(
      `query($ids: [ID!]!) { jobs(ids: $ids) { status statusRaw dbUseType dbUseTypeRaw taskType jobDirection } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs).toEqual([
      {
        status: 'STARTJOBING',
        statusRaw: 'STARTJOBING',
        dbUseType: 'MIGRATION',
        dbUseTypeRaw: 'migration',
        taskType: 'FULL_INCR_TRANS',
        jobDirection: 'UP',
      },
      {
        status: 'UNKNOWN',
        statusRaw: 'SOMETHING_DRS_ADDS_TOMORROW',
        dbUseType: 'UNKNOWN',
        dbUseTypeRaw: 'teleport',
        taskType: 'FULL_INCR_TRANS',
        jobDirection: 'UP',
      },
    ]);
  });

  it('maps endpoints, and tags in both shapes DRS sends', async () => {
    const res = await gateway.gql(
      `query($ids: [ID!]!) { jobs(ids: $ids) { tags { key value } sourceEndpoint { dbType ip port region sslEnabled user } targetEndpoint { instanceId instanceName vpcId subnetId } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs[0].tags).toEqual([
      { key: 'key1', value: 'value1' },
      { key: 'key2', value: 'value2' },
      { key: 'team', value: 'dba' },
    ]);
    expect(res.data.jobs[0].sourceEndpoint).toEqual({
      dbType: 'MYSQL',
      ip: '172.22.74.56',
      port: 3306,
      region: 'eu-de',
      sslEnabled: false,
      user: 'root',
    });
    expect(res.data.jobs[1].targetEndpoint).toEqual({
      instanceId: 'e05a3679efe241d8b5dee80b17c1a863in01',
      instanceName: 'rds-1417-lxl',
      vpcId: '65f0391c-0582-44a6-aa50-248f97ed82e1',
      subnetId: '352ad828-3467-4f03-987a-c55a5a9dd417',
    });
  });

  it('maps progress: -1 delay and "0" time become null, progress_map becomes phases, remaining_time seconds', async () => {
    const res = await gateway.gql(
      `query($ids: [ID!]!) { jobs(ids: $ids) { progress { percent transferStatus taskMode incrementalDelaySeconds processTime remainingTime remainingSeconds phases { phase completedPercent remainingTime remainingSeconds } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs.map((j: any) => j.progress)).toEqual([
      {
        percent: 100,
        transferStatus: 'INCRE_TRANSFER_STARTED',
        taskMode: 'FULL_INCR_TRANS',
        incrementalDelaySeconds: 0,
        processTime: '2020-07-16T01:56:16.000Z',
        remainingTime: '10',
        remainingSeconds: 10,
        phases: [],
      },
      {
        percent: 0,
        transferStatus: 'FULL_TRANSFER_COMPLETE',
        taskMode: 'FULL_INCR_TRANS',
        incrementalDelaySeconds: null,
        processTime: null,
        remainingTime: '0',
        remainingSeconds: 0,
        phases: [
          { phase: 'STRUCT', completedPercent: 94, remainingTime: null, remainingSeconds: null },
          { phase: 'DATA', completedPercent: 100, remainingTime: null, remainingSeconds: null },
          { phase: 'INDEX', completedPercent: 100, remainingTime: null, remainingSeconds: null },
        ],
      },
    ]);
  });

  it('maps struct details in both key casings', async () => {
    const res = await gateway.gql(
      `query($ids: [ID!]!) { jobs(ids: $ids) { structDetail(type: DATABASE) { type total createdAt objects { totalCount edges { node { sourceDatabase sourceObject targetDatabase targetObject progress } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs.map((j: any) => j.structDetail)).toEqual([
      {
        type: 'DATABASE',
        total: 1,
        createdAt: '2020-12-20T01:58:04.785Z',
        objects: {
          totalCount: 1,
          edges: [
            {
              node: {
                sourceDatabase: 'test1',
                sourceObject: 'test1',
                targetDatabase: 'test1',
                targetObject: 'test1',
                progress: 100,
              },
            },
          ],
        },
      },
      {
        type: 'DATABASE',
        total: 1,
        createdAt: null,
        objects: {
          totalCount: 1,
          edges: [
            {
              node: {
                sourceDatabase: 'db',
                sourceObject: 'orders',
                targetDatabase: 'db2',
                targetObject: 'orders',
                progress: 7,
              },
            },
          ],
        },
      },
    ]);
  });
});

describe('malformed upstream answers', () => {
  it.each([
    ['a non-JSON body', { status: 200, body: '<html>oops</html>' }, 'UPSTREAM_BAD_RESPONSE'],
    ['a truncated body', { status: 200, body: '{"count": 2, "results": [{"id"' }, 'UPSTREAM_BAD_RESPONSE'],
    [
      'a DRS 500',
      { status: 500, body: { error_code: 'DRS.M00004', error_msg: 'Service abnormal.' } },
      'UPSTREAM_ERROR',
    ],
    [
      'an APIG 429',
      { status: 429, body: { error_code: 'APIG.0308', error_msg: 'The throttling threshold has been reached' } },
      'RATE_LIMITED',
    ],
    ['a 503 without body', { status: 503, body: '' }, 'UPSTREAM_UNAVAILABLE'],
    [
      'rows for other jobs only',
      { status: 200, body: { count: 1, results: [{ id: '00000000-0000-0000-0000-0000000jb101' }] } },
      'UPSTREAM_BAD_RESPONSE',
    ],
  ] as const)('turns %s into a coded error, never a crash', async (_name, canned, code) => {
    const upstream = await startFixtureUpstream({
      'batch-detail': canned,
      'batch-progress': canned,
      'batch-struct-detail': canned,
    });
    const gateway = await gatewayOver(upstream.url);
    try {
      const res = await gateway.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { id } }`);
      expect(res.data.jobs).toEqual([null, null]);
      expect(res.errors?.map((e) => e.extensions.code)).toEqual([code, code]);
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});

describe('v5 errors', () => {
  it('answers an unknown progress-data job (DRS.M05003) with a null connection and NOT_FOUND', async () => {
    const upstream = await startFixtureUpstream({
      ...documented(),
      'progress-data': { status: 400, body: { error_code: 'DRS.M05003', error_msg: 'The task does not exist.' } },
    });
    const gateway = await gatewayOver(upstream.url);
    try {
      const res = await gateway.gql(
        `query($ids: [ID!]!) { jobs(ids: $ids) { id objectProgress(type: TABLE) { totalCount } } }`,
      );
      expect(res.data.jobs).toEqual([
        { id: JOB_A, objectProgress: null },
        { id: JOB_B, objectProgress: null },
      ]);
      expect(res.errors?.map((e) => [e.path, e.extensions.code, e.extensions.drsCode])).toEqual([
        [['jobs', 0, 'objectProgress'], 'NOT_FOUND', 'DRS.M05003'],
        [['jobs', 1, 'objectProgress'], 'NOT_FOUND', 'DRS.M05003'],
      ]);
    } finally {
      await gateway.close();
      await upstream.close();
    }
  });
});
