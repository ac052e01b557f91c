import { CLI_USAGE, parseCli } from './cli-options.js';
import { startSimulator } from './server.js';

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
  lines.push(`project ${projectId}`, `  X-Auth-Token: ${token}`, `  jobs: ${sim.jobIds(projectId, 3).join(', ')} …`);
}
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
