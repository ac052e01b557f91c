import { ConfigError, type Env, text, url } from './config-env.js';
import { REGION_ID, regionEndpoint } from './drs/regions.js';

/** The gateway's own IAM user, for tokens by the password method (src/drs/iam-token.ts). */
export interface IamConfig {
  /** Where `POST /v3/auth/tokens` goes: DRS_IAM_ENDPOINT, else `https://iam.{DRS_REGION}…`. */
  readonly endpoint: string;
  readonly user: string;
  readonly password: string;
  /** The account (domain) name that created the IAM user. */
  readonly domain: string;
}

/** Which DRS the gateway calls, and the IAM credential it may call it with. */
export interface UpstreamConfig {
  /** DRS_ENDPOINT, else derived from DRS_REGION; undefined means the embedded simulator. */
  readonly drsEndpoint: string | undefined;
  readonly region: string | undefined;
  readonly iam: IamConfig | undefined;
}

const IAM_PARTS = ['DRS_IAM_USER', 'DRS_IAM_PASSWORD', 'DRS_IAM_DOMAIN'] as const;

/**
 * DRS_REGION / DRS_ENDPOINT / DRS_IAM_*: a region means real DRS (never the simulator), and
 * DRS_ENDPOINT, when set too, still decides where DRS calls go.
 */
export function upstreamConfig(env: Env): UpstreamConfig {
  const region = text(env, 'DRS_REGION')?.toLowerCase();
  if (region !== undefined && !REGION_ID.test(region)) {
    throw new ConfigError(
      `DRS_REGION must be a Huawei Cloud region id such as cn-north-4 or eu-west-101 (got "${env.DRS_REGION?.trim()}")`,
    );
  }
  const drsEndpoint = url(env, 'DRS_ENDPOINT') ?? (region && regionEndpoint('drs', region));
  return Object.freeze({ drsEndpoint, region, iam: iamConfig(env, region, drsEndpoint) });
}

function iamConfig(env: Env, region: string | undefined, drsEndpoint: string | undefined): IamConfig | undefined {
  const iamEndpoint = url(env, 'DRS_IAM_ENDPOINT');
  // The password is taken as given (only an all-blank value counts as unset): spaces may be part of it.
  const [user, password, domain] = IAM_PARTS.map((name) =>
    name === 'DRS_IAM_PASSWORD' && text(env, name) !== undefined ? env[name] : text(env, name),
  );
  const given = IAM_PARTS.filter((_, i) => [user, password, domain][i] !== undefined);
  if (given.length === 0) {
    if (iamEndpoint !== undefined) throw new ConfigError('DRS_IAM_ENDPOINT is only used with DRS_IAM_USER');
    return undefined;
  }
  const missing = IAM_PARTS.filter((name) => !given.includes(name));
  if (missing.length > 0) {
    throw new ConfigError(`${missing[0]} must be set too: IAM tokens need ${IAM_PARTS.join(', ')}`);
  }
  for (const other of ['DRS_AUTH_TOKEN', 'DRS_AK'] as const) {
    if (text(env, other) !== undefined) {
      throw new ConfigError(`DRS_IAM_USER cannot be combined with ${other}: give the gateway one credential`);
    }
  }
  if (drsEndpoint === undefined) {
    throw new ConfigError('DRS_IAM_USER needs DRS_REGION or DRS_ENDPOINT (the embedded simulator has its own token)');
  }
  const endpoint = iamEndpoint ?? (region && regionEndpoint('iam', region));
  if (endpoint === undefined) {
    throw new ConfigError('DRS_IAM_ENDPOINT or DRS_REGION must be set with DRS_IAM_USER (where to ask IAM for tokens)');
  }
  return Object.freeze({ endpoint, user: user!, password: password!, domain: domain! });
}
