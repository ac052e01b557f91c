import { randomBytes } from 'node:crypto';

/** IAM tokens are valid 24 h (REFERENCE §10.1). */
export const TOKEN_LIFETIME_MS = 24 * 3_600_000;
/** Issued tokens kept; the oldest are forgotten first (a long-running simulator must not grow without end). */
const MAX_TOKENS = 10_000;

export interface IssuedToken {
  /** The project the token is scoped to. */
  projectId: string;
  /** Simulated epoch ms. */
  issuedAt: number;
  expiresAt: number;
}

/** Tokens the simulated IAM issued, as DRS's gateway will check them. */
export interface TokenStore {
  issue(projectId: string, now: number): { token: string } & IssuedToken;
  find(token: string): IssuedToken | undefined;
  /** Forgets every issued token, as IAM does within 30 min of a password change. */
  revokeAll(): void;
  readonly size: number;
}

export function createTokenStore(): TokenStore {
  const tokens = new Map<string, IssuedToken>();
  return {
    issue(projectId, now) {
      // Real tokens are long opaque PKI blobs starting "MII"; random, so none can be guessed from a seed.
      const token = `MIIiam${randomBytes(48).toString('base64url')}`;
      const issued = { projectId, issuedAt: now, expiresAt: now + TOKEN_LIFETIME_MS };
      if (tokens.size >= MAX_TOKENS) tokens.delete(tokens.keys().next().value as string);
      tokens.set(token, issued);
      return { token, ...issued };
    },
    find: (token) => tokens.get(token),
    revokeAll: () => tokens.clear(),
    get size() {
      return tokens.size;
    },
  };
}
