/**
 * Bench-only child entry: serves the gateway (`--impl gateway`, as src/main.ts serves it: createGateway's listener,
 * it), the naive baseline (`--impl naive`) or the hand-written reference (`--impl hand-written`)
 * on 127.0.0.1:0, prints `listening on URL`, and answers IPC requests with its own CPU time, RSS
 * and upstream call count, so those figures cover this process alone (not the load generator, not
 * the simulator).
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { createYoga } from 'graphql-yoga';
import { createGateway } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DrsClient } from '../src/drs/client.js';
import { createDispatcher } from '../src/drs/dispatcher.js';
import { type ChildReply, type ChildRequest, IMPLS, type Impl } from './gateway-ipc.js';
import { handWrittenDashboard } from './hand-written.js';
import { naiveSchema } from './naive-schema.js';
import { PeakRss } from './peak-rss.js';

const { values } = parseArgs({
  options: {
    impl: { type: 'string' },
    upstream: { type: 'string' },
    project: { type: 'string' },
    token: { type: 'string' },
  },
});
const { impl, upstream, project, token } = values;
if (!IMPLS.includes(impl as Impl) || !upstream || !project || !token) {
  throw new Error(
    'usage: gateway-process.ts --impl gateway|naive|hand-written --upstream URL --project HEX32 --token TOKEN',
  );
}

// DRS_* tuning set by whoever runs the bench passes through; the upstream is always the bench's simulator.
const config = loadConfig({
  ...process.env,
  DRS_ENDPOINT: upstream,
  DRS_PROJECT_ID: project,
  DRS_AUTH_TOKEN: token,
  PORT: '0',
  LOG_LEVEL: 'error',
  GRAPHIQL: 'false',
});
let upstreamCalls = 0;
const dispatcher = createDispatcher(config).compose((dispatch) => (options, handler) => {
  upstreamCalls++;
  return dispatch(options, handler);
});
const drs = DrsClient.fromConfig(config, upstream, dispatcher);
// All three use the same DRS client (transport, signing, concurrency cap): only what sits above it differs.
const credentials = { projectId: project, auth: { kind: 'token', token }, language: 'en-us' } as const;
const session = () => drs.session(credentials);
const listener = (): RequestListener => {
  if (impl === 'gateway') return createGateway({ config, drs, projectId: project }).listener;
  if (impl === 'hand-written') return handWrittenDashboard(session, config.batchSizes);
  return createYoga({
    schema: naiveSchema,
    logging: false,
    graphiql: false,
    landingPage: false,
    context: () => ({ session: session() }),
  });
};

const server = createServer(listener());
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

// Peak RSS per load point: the kernel's high-water mark, reset between points (maxRSS never comes down).
const peakRss = new PeakRss();

// Garbage collections by kind: young-generation ones count allocation, whatever the machine's noise.
const gcs = { minor: 0, major: 0, gcMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) gcs.minor++;
    else gcs.major++;
    gcs.gcMs += entry.duration;
  }
}).observe({ entryTypes: ['gc'] });

process.on('message', (message: ChildRequest) => {
  if (message.cmd === 'stop') {
    // A normal exit, so `--cpu-prof` writes its profile.
    server.closeAllConnections();
    server.close(() => dispatcher.close().finally(() => process.exit(0)));
    return;
  }
  const rss = process.memoryUsage.rss();
  const cpu = process.cpuUsage();
  const reply: ChildReply = {
    seq: message.seq,
    cpuMicros: cpu.user + cpu.system,
    rssBytes: rss,
    peakRssBytes: peakRss.bytes(),
    peakRssExact: peakRss.exact,
    upstreamCalls,
    gcs: { ...gcs },
    monotonicMicros: Number(process.hrtime.bigint() / 1000n),
  };
  if (message.cmd === 'reset-peak') peakRss.reset();
  process.send?.(reply);
});

console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
