/**
 * Bench-only child entry: serves the gateway (`--impl gateway`, `createGateway().serve()`, as
 * src/main.ts serves it), the naive baseline (`--impl naive`) or the hand-written reference
 * (`--impl hand-written`) on 127.0.0.1:0, prints `listening on URL`, and answers IPC requests
 * with its own CPU time, RSS and upstream call count, so those figures cover this process alone
 * (not the load generator, not the simulator).
 */
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { createYoga } from 'graphql-yoga';
import { createGateway } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DrsClient } from '../src/drs/client.js';
import { createDispatcher } from '../src/drs/dispatcher.js';
import { answerBenchRequests } from './child-stats.js';
import { IMPLS, type Impl } from './gateway-ipc.js';
import { handWrittenDashboard } from './hand-written.js';
import { naiveSchema } from './naive-schema.js';

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
  // Quiet unless asked: LOG_LEVEL=info measures the production default's line per operation too.
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'error',
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
  if (impl === 'hand-written') return handWrittenDashboard(session, config.batchSizes);
  return createYoga({
    schema: naiveSchema,
    logging: false,
    graphiql: false,
    landingPage: false,
    context: () => ({ session: session() }),
  });
};

const server =
  impl === 'gateway' ? createGateway({ config, drs, projectId: project }).serve() : createServer(listener());
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

answerBenchRequests(
  () => upstreamCalls,
  () => {
    // A normal exit, so `--cpu-prof` writes its profile.
    server.closeAllConnections();
    server.close(() => dispatcher.close().finally(() => process.exit(0)));
  },
);

console.log(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`);
