import { CLI_USAGE, parseCli } from './cli/options.js';
import { startSimulator } from './http/server.js';

const parsed = parseCli(process.argv.slice(2), process.env);
if (parsed.kind === 'help') {
  process.stdout.write(CLI_USAGE);
  process.exit(0);
}
if (parsed.kind === 'error') {
  process.stderr.write(`${parsed.message}\n\n${CLI_USAGE}`);
  process.exit(2);
}

const sim = await startSimulator(parsed.options);
const lines = [`DRS simulator listening on ${sim.url}`, ''];
for (const { projectId, token } of sim.projects) {
  const keys = sim.credentials.filter((c) => c.projectIds.includes(projectId) && !c.securityToken);
  lines.push(`project ${projectId}`, `  X-Auth-Token: ${token}`);
  for (const { ak, sk } of keys) lines.push(`  AK/SK: ${ak} / ${sk}`);
  lines.push(`  jobs: ${sim.jobIds(projectId, 3).join(', ')} …`);
  lines.push(`  async batches: ${sim.asyncJobIds(projectId).slice(0, 2).join(', ')} …`);
}
for (const c of sim.credentials.filter((t) => t.securityToken)) {
  lines.push('', `temporary AK/SK (all projects): ${c.ak} / ${c.sk}`, `  X-Security-Token: ${c.securityToken}`);
}
for (const u of sim.iamUsers) {
  lines.push('', `IAM user (POST ${sim.url}/v3/auth/tokens): ${u.name} / ${u.password}, account ${u.domain}`);
}
lines.push('', `clock: ${sim.clock.mode}, now ${new Date(sim.clock.now()).toISOString()}`);
lines.push(`OpenAPI: ${sim.url}/openapi.json   admin (loopback only): ${sim.url}/__admin/calls`);
const [first] = sim.projects;
if (first) {
  const body = JSON.stringify({ jobs: sim.jobIds(first.projectId, 2), page_req: { cur_page: 1, per_page: 0 } });
  lines.push(
    '',
    'try:',
    `  curl -s -X POST ${sim.url}/v3/${first.projectId}/jobs/batch-detail \\`,
    `    -H 'Content-Type: application/json' -H 'X-Auth-Token: ${first.token}' \\`,
    `    -d '${body}'`,
  );
}
console.log(lines.join('\n'));

let closing = false;
const shutdown = (signal: string) => {
  if (closing) return;
  closing = true;
  console.log(`\n${signal}: closing simulator`);
  sim.close().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
};
process.on('SIGINT', () => shutdown('SIGINT'));
process.on('SIGTERM', () => shutdown('SIGTERM'));
