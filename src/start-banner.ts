import type { Config } from './config.js';

export interface BannerFacts {
  /** The address the server listens on, as a browser would open it. */
  url: string;
  /** The built-in simulator's URL, or undefined for a configured DRS_ENDPOINT. */
  simulatorUrl: string | undefined;
  projectId: string;
  exampleJobIds: readonly string[];
  /** Whether a `.env` file was read. */
  dotEnv: boolean;
}

/** What the operator needs to see at start: where it listens, which upstream, which credentials; never a secret. */
export function bannerLines(config: Config, facts: BannerFacts): string[] {
  const lines = [`DRS GraphQL gateway: GraphiQL at ${facts.url}`];
  if (facts.simulatorUrl !== undefined) {
    lines.push(`Upstream: built-in DRS simulator at ${facts.simulatorUrl} (project ${facts.projectId})`);
  } else {
    const region = config.region ? `region ${config.region}, ` : '';
    lines.push(`Upstream: ${config.drsEndpoint} (${region}project ${facts.projectId})`);
  }
  lines.push(`DRS credentials: ${credentialMode(config, facts.simulatorUrl !== undefined)}`);
  lines.push(`Inbound auth: ${inboundAuth(config)}`);
  lines.push(`Configuration: environment${facts.dotEnv ? ' + .env (the environment wins)' : ' (no .env file)'}`);
  if (facts.exampleJobIds.length > 0) lines.push(`Some seeded job ids:\n  ${facts.exampleJobIds.join('\n  ')}`);
  return lines;
}

/** Which credential DRS calls carry, in context.ts's order: the caller's X-Auth-Token first. */
function credentialMode(config: Config, simulator: boolean): string {
  const callers = "callers' X-Auth-Token";
  if (config.akSk) {
    const kind = config.akSk.securityToken
      ? 'temporary AK/SK (DRS_AK/DRS_SK/DRS_SECURITY_TOKEN)'
      : 'AK/SK (DRS_AK/DRS_SK)';
    return `${callers}, else ${kind} signing`;
  }
  if (config.iam) return `${callers}, else IAM tokens of DRS_IAM_USER=${config.iam.user} from ${config.iam.endpoint}`;
  if (simulator) return `${callers}, else the built-in simulator's token`;
  if (config.authToken) return `${callers}, else DRS_AUTH_TOKEN`;
  return `${callers} only (neither DRS_AUTH_TOKEN nor DRS_AK/DRS_SK is set)`;
}

/** How callers of the gateway prove who they are (docs/operations.md, "Inbound authentication and threat model"). */
function inboundAuth(config: Config): string {
  return `AUTH_MODE=${config.auth.mode}`;
}
