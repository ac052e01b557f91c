import type { DrsAuth } from '../drs/credentials.js';

/** What an authenticated caller may do: which projects it may read, with which DRS credential. */
export interface Grant {
  /** Who the caller is (a JWT's `sub`, an API key's name), never a secret. */
  readonly subject: string;
  /** Project ids the caller may name (X-Project-Id or the default project), or `*` for any. */
  readonly projects: '*' | ReadonlySet<string>;
  /** The named server-side credential its DRS calls use; undefined means the server's default. */
  readonly credential: DrsAuth | undefined;
  /** When the identity stops being valid (a JWT's `exp`, in ms): subscriptions end then. */
  readonly expiresAt?: number | undefined;
}

const PROJECT_ID = /^[0-9a-f]{32}$/;

/**
 * Reads a project list (`["<32-hex>", …]` or `["*"]`); undefined when it is not one, so the caller
 * words the refusal for its own source (a token's claim, a keys file).
 */
export function projectList(value: unknown): '*' | ReadonlySet<string> | undefined {
  if (!Array.isArray(value)) return undefined;
  if (!value.every((item) => item === '*' || (typeof item === 'string' && PROJECT_ID.test(item)))) return undefined;
  return value.includes('*') ? '*' : new Set(value as string[]);
}

export function allows(grant: Grant, projectId: string): boolean {
  return grant.projects === '*' || grant.projects.has(projectId);
}
