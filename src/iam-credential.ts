import type { Dispatcher } from 'undici';
import type { Config } from './config.js';
import { requestIamToken } from './drs/iam-request.js';
import { type IamFetchOutcome, IamTokenSource } from './drs/iam-token.js';
import { sha256Hex } from './drs/signer.js';
import type { Logger } from './logging/logger.js';

export interface IamCredentialDeps {
  /** The DRS client's pool (IAM answers are small; one pool keeps the connection limits in one place). */
  dispatcher: Dispatcher;
  /** The project the token is scoped to: the one the gateway's own calls name. */
  projectId: string;
  /** What token lifetimes are judged by: Date.now, or a simulator's clock in tests. */
  now: () => number;
  logger: Logger;
}

/** The gateway's renewing IAM token when DRS_IAM_* is configured, else undefined (docs/credentials.md). */
export function createIamCredential(
  config: Pick<Config, 'iam' | 'requestTimeoutMs'>,
  deps: IamCredentialDeps,
): IamTokenSource | undefined {
  const { iam } = config;
  if (iam === undefined) return undefined;
  const { dispatcher, projectId, now, logger } = deps;
  const target = { ...iam, projectId, dispatcher, timeoutMs: config.requestTimeoutMs };
  return new IamTokenSource({
    // A stable key per user and scope, without naming either (it may reach logs through limit keys).
    key: sha256Hex(`${iam.endpoint}\n${iam.domain}\n${iam.user}\n${projectId}`).slice(0, 24),
    fetch: () => requestIamToken(target, now),
    now,
    onFetch: (outcome) => logOutcome(logger, iam.user, outcome),
  });
}

/** One line per IAM request: who and until when, or why not; never the token or the password. */
function logOutcome(logger: Logger, user: string, outcome: IamFetchOutcome): void {
  if (outcome.ok) {
    const hours = (outcome.expiresInMs / 3_600_000).toFixed(1);
    logger.info(`IAM: token obtained for DRS_IAM_USER=${user}, valid ${hours} h; renewed in its last hour`);
    return;
  }
  const { error } = outcome;
  logger.error(
    { drsCode: error.code, status: error.status },
    `IAM: no token for DRS_IAM_USER=${user}: ${error.message} (a token still held serves until it expires)`,
  );
}
