import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { type Harness, startHarness } from '../support/harness.js';
import { subscribeSse } from '../support/sse.js';

/** One scraped sample: `name{labels} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = line.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_]+)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1]!] = pair[2]!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The scrape's text and a reader of one series (0 when absent). */
async function scrape(h: Pick<Harness, 'fetch'>, url = 'http://gateway/metrics') {
  const res = await h.fetch(url);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = await res.text();
  const samples = parse(text);
  const value = (name: string, labels: Record<string, string> = {}) =>
    samples
      .filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
      .reduce((sum, s) => sum + s.value, 0);
  return { text, samples, value };
}

type Scrape = Awaited<ReturnType<typeof scrape>>;

/** What changed in one series between two scrapes. */
const delta = (before: Scrape, after: Scrape, name: string, labels: Record<string, string> = {}) =>
  after.value(name, labels) - before.value(name, labels);

const ATTEMPTS = 'drs_client_request_duration_seconds_count';
const DASHBOARD = `query Dashboard($ids: [ID!]!) {
  jobs(ids: $ids) { id name progress { percent } structDetail(type: TABLE) { total } }
}`;
const ONE = 'query One($id: ID!) { job(id: $id) { id name } }';

describe('GET /metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      DRS_RETRY_BASE_DELAY_MS: '1',
      DRS_THROTTLE_BACKOFF_MIN_MS: '10',
      DRS_THROTTLE_BACKOFF_MAX_MS: '20',
      DRS_RETRY_BUDGET_MIN: '100',
      MAX_IDS_PER_QUERY: '20',
      DRS_POLL_INTERVAL_MS: '200',
    });
  });
  afterAll(() => h?.close());

  it('counts every DRS attempt of a fast-path dashboard query, per API, with its batch sizes', async () => {
    const ids = h.sim.jobIds(h.projectId, 12);
    const before = await scrape(h);
    const res = await h.gql(DASHBOARD, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs).toHaveLength(12);
    const calls = h.calls();
    expect(calls.map((c) => c.api).sort()).toEqual([
      'batch-detail',
      'batch-detail',
      'batch-progress',
      'batch-struct-detail',
    ]);
    const after = await scrape(h);
    for (const api of ['batch-detail', 'batch-progress', 'batch-struct-detail']) {
      const made = calls.filter((c) => c.api === api).length;
      expect(delta(before, after, ATTEMPTS, { api, status_class: '2xx', drs_code: '' })).toBe(made);
      expect(delta(before, after, ATTEMPTS, { api })).toBe(made);
      expect(delta(before, after, 'drs_client_batch_job_ids_count', { api })).toBe(made);
      expect(delta(before, after, 'drs_client_batch_job_ids_sum', { api })).toBe(12);
      expect(delta(before, after, 'drs_client_queue_wait_seconds_count', { api })).toBe(made);
    }
    // batch-detail carries at most DRS_BATCH_SIZE (10) ids: one call of 10, one of 2.
    expect(delta(before, after, 'drs_client_batch_job_ids_bucket', { api: 'batch-detail', le: '2' })).toBe(1);
    expect(delta(before, after, 'drs_client_batch_job_ids_bucket', { api: 'batch-detail', le: '10' })).toBe(2);
    expect(delta(before, after, ATTEMPTS)).toBe(4);
    // Answered on the fast path (the scrapes are answered before it, and counted by neither side).
    expect(delta(before, after, 'drs_gateway_http_requests_total', { handler: 'fast' })).toBe(1);
    expect(delta(before, after, 'drs_gateway_http_requests_total', { handler: 'yoga' })).toBe(0);
    // The fast path runs envelop's hooks, so yoga's operation series see it.
    const op = { operationName: 'Dashboard', operationType: 'query' };
    for (const name of [
      'graphql_envelop_request',
      'graphql_envelop_request_duration_count',
      'graphql_envelop_phase_parse_count',
      'graphql_envelop_phase_validate_count',
    ]) {
      expect([name, delta(before, after, name, op)]).toEqual([name, 1]);
    }
    expect(delta(before, after, 'graphql_envelop_error_result')).toBe(0);
    // The first scrape is timed too (it ends before the second one's answer is written).
    const http = 'drs_gateway_http_request_duration_seconds_count';
    expect(delta(before, after, http, { method: 'POST', route: '/graphql', status_class: '2xx' })).toBe(1);
    expect(delta(before, after, http, { route: '/graphql' })).toBe(1);
    expect(delta(before, after, http, { method: 'GET', route: '/metrics', status_class: '2xx' })).toBe(1);
  });

  it('counts a request whose client left before the answer as status class none', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    h.sim.faults.set('batch-detail', 'hang');
    const before = await scrape(h);
    h.sim.resetCalls();
    const controller = new AbortController();
    const sent = h
      .fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: ONE, variables: { id } }),
        signal: controller.signal,
      })
      .catch((error: Error) => error.name);
    await expect.poll(() => h.calls('batch-detail').length).toBe(1);
    controller.abort();
    expect(await sent).toBe('AbortError');
    const http = 'drs_gateway_http_request_duration_seconds_count';
    await expect
      .poll(async () =>
        delta(before, await scrape(h), http, { method: 'POST', route: '/graphql', status_class: 'none' }),
      )
      .toBe(1);
    expect(delta(before, await scrape(h), http, { route: '/graphql' })).toBe(1);
    h.sim.faults.clear();
  });

  it('counts yoga-served requests (GET) and unknown routes under bounded labels', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const before = await scrape(h);
    const url = new URL('http://gateway/graphql');
    url.searchParams.set('query', `query ViaGet { job(id: "${id}") { id } }`);
    expect((await h.fetch(url, { headers: { accept: 'application/json' } })).status).toBe(200);
    expect((await h.fetch('http://gateway/health')).status).toBe(200);
    expect((await h.fetch(`http://gateway/jobs/${id}?token=${h.token}`)).status).toBe(404);
    const after = await scrape(h);
    const http = 'drs_gateway_http_request_duration_seconds_count';
    expect(delta(before, after, http, { method: 'GET', route: '/graphql', status_class: '2xx' })).toBe(1);
    expect(delta(before, after, http, { method: 'GET', route: '/health', status_class: '2xx' })).toBe(1);
    expect(delta(before, after, http, { method: 'GET', route: 'other', status_class: '4xx' })).toBe(1);
    expect(delta(before, after, 'graphql_envelop_request', { operationName: 'ViaGet' })).toBe(1);
    expect(delta(before, after, ATTEMPTS, { api: 'batch-detail', status_class: '2xx' })).toBe(1);
    // All three left to yoga by the fast path.
    expect(delta(before, after, 'drs_gateway_http_requests_total', { handler: 'yoga' })).toBe(3);
    expect(delta(before, after, 'drs_gateway_http_requests_total', { handler: 'fast' })).toBe(0);
  });

  it('shows scripted faults as retries and attempts by status class and DRS code', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    const cases = [
      // APIG's backend-unavailable code is not in the documented table: `other`.
      {
        fault: '503,503',
        statuses: [503, 503, 200],
        labels: { status_class: '5xx', drs_code: 'other' },
        reason: 'status',
      },
      {
        fault: '429,ok',
        statuses: [429, 200],
        labels: { status_class: '4xx', drs_code: 'APIG.0308' },
        reason: 'status',
      },
      {
        fault: 'reset,ok',
        statuses: [0, 200],
        labels: { status_class: 'none', drs_code: 'LOCAL.NETWORK' },
        reason: 'network',
      },
    ];
    for (const { fault, statuses, labels, reason } of cases) {
      h.sim.faults.set('batch-detail', fault);
      const before = await scrape(h);
      const res = await h.gql(ONE, { id });
      expect(res.errors).toBeUndefined();
      const calls = h.calls('batch-detail');
      expect(calls.map((c) => c.status ?? 0)).toEqual(statuses);
      const failed = statuses.length - 1;
      const after = await scrape(h);
      const api = 'batch-detail';
      expect([fault, delta(before, after, ATTEMPTS, { api, ...labels })]).toEqual([fault, failed]);
      expect([fault, delta(before, after, ATTEMPTS, { api, status_class: '2xx', drs_code: '' })]).toEqual([fault, 1]);
      expect([fault, delta(before, after, 'drs_client_retries_total', { api, reason })]).toEqual([fault, failed]);
      expect([fault, delta(before, after, 'drs_client_retries_total')]).toEqual([fault, failed]);
      // Retries are attempts of one call: the batch-size histogram sees the call once.
      expect(delta(before, after, 'drs_client_batch_job_ids_count', { api })).toBe(1);
    }
    h.sim.faults.clear();
  });

  it('counts an operation that fails after its retries as an execute error', async () => {
    const [id] = h.sim.jobIds(h.projectId, 1);
    h.sim.faults.set('batch-detail', '503*5');
    const before = await scrape(h);
    const res = await h.gql(ONE, { id });
    h.sim.faults.clear();
    expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(h.calls('batch-detail')).toHaveLength(3);
    const after = await scrape(h);
    expect(delta(before, after, ATTEMPTS, { api: 'batch-detail', status_class: '5xx' })).toBe(3);
    expect(delta(before, after, 'drs_client_retries_total', { api: 'batch-detail' })).toBe(2);
    expect(delta(before, after, 'graphql_envelop_error_result', { operationName: 'One', phase: 'execute' })).toBe(1);
  });

  it('counts refusals of the per-operation job-id budget, which call nothing', async () => {
    const ids = h.sim.jobIds(h.projectId, 21);
    const before = await scrape(h);
    const res = await h.gql('query Many($ids: [ID!]!) { jobs(ids: $ids) { id } }', { ids });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(h.calls()).toHaveLength(0);
    const after = await scrape(h);
    expect(delta(before, after, 'drs_gateway_budget_refusals_total', { budget: 'job_ids' })).toBe(1);
    expect(delta(before, after, ATTEMPTS)).toBe(0);
  });

  it('gauges live-progress poll groups and subscribers while subscriptions are open', async () => {
    const ids = h.sim.jobIds(h.projectId, 2);
    const query = 'subscription Live($ids: [ID!]!) { jobProgress(ids: $ids) { jobId percent } }';
    h.sim.resetCalls();
    const first = subscribeSse(h, query, { ids });
    const second = subscribeSse(h, query, { ids: ids.slice(0, 1) });
    await first.waitFor(2);
    await second.waitFor(1);
    const open = await scrape(h);
    expect(open.value('drs_gateway_live_poll_groups')).toBe(1);
    expect(open.value('drs_gateway_live_subscribers')).toBe(2);
    expect(h.calls('batch-progress').length).toBeGreaterThanOrEqual(1);
    // envelop observes a subscription when it ends (its duration is the stream's life).
    const live = { operationName: 'Live', operationType: 'subscription' };
    expect(open.value('graphql_envelop_request_duration_count', live)).toBe(0);
    first.close();
    second.close();
    await expect.poll(async () => (await scrape(h)).value('drs_gateway_live_subscribers')).toBe(0);
    const closed = await scrape(h);
    // Each SSE stream is one HTTP request, timed until the client closed it.
    const http = 'drs_gateway_http_request_duration_seconds_count';
    expect(delta(open, closed, http, { method: 'POST', route: '/graphql', status_class: '2xx' })).toBe(2);
    expect(closed.value('drs_gateway_live_poll_groups')).toBe(0);
    expect(closed.value('graphql_envelop_request_duration_count', live)).toBe(2);
    expect(closed.value('graphql_envelop_request', live)).toBe(2);
  });

  it('keeps ids, the project, the token and query text out of every label value', async () => {
    const ids = h.sim.jobIds(h.projectId, 3);
    // A name embedding the project id, and an operationName the document lacks carrying the token.
    await h.gql(`query P${h.projectId} { job(id: "${ids[0]}") { id } }`);
    await h.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-secret-42' },
      body: JSON.stringify({ query: `query Ok { job(id: "${ids[1]}") { id } }`, operationName: `T${h.token}` }),
    });
    await h.fetch(`http://gateway/${h.projectId}/${ids[2]}`);
    const { text, samples } = await scrape(h);
    for (const secret of [...h.sim.jobIds(h.projectId, 25), h.projectId, h.token, 'req-secret-42', 'job(id']) {
      expect(text).not.toContain(secret);
    }
    expect(
      samples.find((s) => s.name === 'graphql_envelop_request' && s.labels.operationName === 'other')?.value,
    ).toBeGreaterThanOrEqual(1);
    // Every label value comes from a small known set, or is a plain GraphQL operation name.
    for (const sample of samples) {
      for (const [label, value] of Object.entries(sample.labels)) {
        expect([sample.name, label, value]).toEqual([sample.name, label, expect.stringMatching(/^[\w./:+ -]{0,64}$/)]);
      }
    }
  });

  it('answers only GET and HEAD on /metrics', async () => {
    expect((await h.fetch('http://gateway/metrics', { method: 'POST', body: '{}' })).status).toBe(405);
    const head = await h.fetch('http://gateway/metrics', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('separate registries, switches and the metrics port', () => {
  it('each gateway has its own registry: a breaker opening in one shows there only, as 2', async () => {
    const h = await startHarness({
      DRS_BREAKER_FAILURES: '2',
      DRS_BREAKER_COOLDOWN_MS: '60000',
      DRS_RETRY_MAX: '0',
      METRICS_MAX_OPERATION_NAMES: '2',
    });
    const other = await startHarness();
    try {
      const start = await scrape(h);
      for (const api of [
        'batch-detail',
        'batch-progress',
        'batch-struct-detail',
        'progress-data',
        'async-job-detail',
      ]) {
        expect(start.value('drs_client_breaker_state', { api })).toBe(0);
      }
      const [id] = h.sim.jobIds(h.projectId, 1);
      h.sim.faults.set('batch-detail', { steps: '502', repeat: true });
      for (const name of ['First', 'Second', 'Third']) {
        await h.gql(`query ${name}($id: ID!) { job(id: $id) { id } }`, { id });
      }
      // Two failures opened it; the third operation was refused without a call.
      expect(h.calls('batch-detail')).toHaveLength(0);
      const open = await scrape(h);
      expect(open.value('drs_client_breaker_state', { api: 'batch-detail' })).toBe(2);
      expect(open.value('drs_client_breaker_state', { api: 'batch-progress' })).toBe(0);
      expect(open.value('drs_client_breaker_transitions_total', { api: 'batch-detail', to: 'open' })).toBe(1);
      expect(open.value(ATTEMPTS, { api: 'batch-detail', status_class: '5xx' })).toBe(2);
      // METRICS_MAX_OPERATION_NAMES=2: the third distinct name is counted as `other`.
      expect(open.value('graphql_envelop_request', { operationName: 'First' })).toBe(1);
      expect(open.value('graphql_envelop_request', { operationName: 'Second' })).toBe(1);
      expect(open.value('graphql_envelop_request', { operationName: 'Third' })).toBe(0);
      expect(open.value('graphql_envelop_request', { operationName: 'other' })).toBe(1);

      const elsewhere = await scrape(other);
      expect(elsewhere.value('drs_client_breaker_state', { api: 'batch-detail' })).toBe(0);
      expect(elsewhere.value(ATTEMPTS)).toBe(0);
      expect(elsewhere.value('graphql_envelop_request')).toBe(0);
    } finally {
      await h.close();
      await other.close();
    }
  });

  it('counts retries the retry budget refused', async () => {
    const h = await startHarness({ DRS_RETRY_BUDGET_MIN: '0', DRS_RETRY_BUDGET_PERCENT: '0' });
    try {
      const [id] = h.sim.jobIds(h.projectId, 1);
      h.sim.faults.set('batch-detail', '503,ok');
      const res = await h.gql(ONE, { id });
      expect(res.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(h.calls('batch-detail')).toHaveLength(1);
      const { value } = await scrape(h);
      expect(value('drs_client_retry_budget_refusals_total', { api: 'batch-detail' })).toBe(1);
      expect(value('drs_client_retries_total')).toBe(0);
      expect(value(ATTEMPTS, { api: 'batch-detail', status_class: '5xx', drs_code: 'other' })).toBe(1);
    } finally {
      await h.close();
    }
  });

  it('METRICS=false serves no /metrics and records nothing', async () => {
    const h = await startHarness({ METRICS: 'false' });
    try {
      const [id] = h.sim.jobIds(h.projectId, 1);
      expect((await h.gql(ONE, { id })).errors).toBeUndefined();
      expect(h.calls('batch-detail')).toHaveLength(1);
      expect((await h.fetch('http://gateway/metrics')).status).toBe(404);
      expect(h.metricsListener).toBeUndefined();
    } finally {
      await h.close();
    }
  });

  it('METRICS_PORT serves /metrics on its own listener and not on the main port', async () => {
    const h = await startHarness({ METRICS_PORT: '9464' });
    const port = await h.listen(h.metricsListener!);
    try {
      const [id] = h.sim.jobIds(h.projectId, 1);
      await h.gql(ONE, { id });
      expect((await h.fetch('http://gateway/metrics')).status).toBe(404);
      const metricsUrl = port.url.replace(/\/graphql$/, '/metrics');
      const { value } = await scrape({ fetch }, metricsUrl);
      expect(value(ATTEMPTS, { api: 'batch-detail', status_class: '2xx' })).toBe(1);
      expect(value('graphql_envelop_request', { operationName: 'One' })).toBe(1);
      expect(value('process_cpu_seconds_total')).toBeGreaterThan(0);
      expect((await fetch(port.url)).status).toBe(404);
    } finally {
      await port.close();
      await h.close();
    }
  });

  it('validates the metrics variables', () => {
    expect(loadConfig({}).metrics).toEqual({ enabled: true, port: undefined, maxOperationNames: 100 });
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics.port).toBe(9464);
    expect(() => loadConfig({ METRICS: 'false', METRICS_PORT: '9464' })).toThrow(/METRICS_PORT needs METRICS=true/);
    expect(() => loadConfig({ PORT: '9000', METRICS_PORT: '9000' })).toThrow(/METRICS_PORT must differ from PORT/);
    expect(() => loadConfig({ METRICS_PORT: 'x' })).toThrow(ConfigError);
    expect(() => loadConfig({ METRICS: 'maybe' })).toThrow(/METRICS must be true or false/);
    expect(() => loadConfig({ METRICS_MAX_OPERATION_NAMES: '-1' })).toThrow(/METRICS_MAX_OPERATION_NAMES/);
  });
});

describe('src/main.ts with METRICS_PORT', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
  });

  it('listens on the metrics port, keeps /metrics off the main port, and closes it on SIGTERM', async () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const env = { ...process.env };
    for (const key of Object.keys(env)) if (key.startsWith('DRS_') || key.startsWith('METRICS')) delete env[key];
    const started = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      // The banner is info log lines: keep them, as readable text.
      env: { ...env, PORT: '0', HOST: '127.0.0.1', METRICS_PORT: '0', LOG_LEVEL: 'info', LOG_FORMAT: 'pretty' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = started;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Metrics at \S+/.test(output) && /GraphiQL at \S+/.test(output)) resolve();
      };
      started.stdout?.on('data', onData);
      started.stderr?.on('data', onData);
      started.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    const main = output.match(/GraphiQL at (http:\/\/[^\s"]+)\/graphql/)![1]!;
    const metricsUrl = output.match(/Metrics at (http:\/\/[^\s"]+)/)![1]!;
    expect(new URL(metricsUrl).port).not.toBe(new URL(main).port);
    const res = await fetch(metricsUrl);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('drs_client_breaker_state{api="batch-detail"} 0');
    expect((await fetch(`${main}/metrics`)).status).toBe(404);
    const exited = new Promise<number | null>((resolve) => started.once('exit', resolve));
    started.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 20_000);
});
