import type { Config } from '../config.js';

/**
 * The line main.ts prints at start when callers need no identity but the gateway holds a DRS
 * credential of its own; undefined when there is nothing to warn about.
 */
export function anonymousWarning(config: Config, serverToken: string | undefined, address: string): string | undefined {
  if (
    config.auth.mode !== 'none' ||
    (config.akSk === undefined && config.iam === undefined && serverToken === undefined)
  )
    return undefined;
  return (
    `AUTH_MODE=none: anyone who can reach ${address} can read DRS jobs with the gateway's own ` +
    'credentials. Set AUTH_MODE=jwt or AUTH_MODE=api-key (docs/operations.md, "Inbound authentication and threat model").'
  );
}
