import { statSync } from 'node:fs';
import type { CredentialSets } from './auth-files.js';
import { loadApiKeys } from './auth-files.js';
import type { Grant } from './grant.js';

export interface ApiKeySource {
  readonly path: string;
  readonly sets: CredentialSets;
  /** The keys read at start (a bad file stops start-up there). */
  readonly initial: ReadonlyMap<string, Grant>;
  /** AUTH_API_KEYS_RELOAD_MS: how often a request may look at the file again; 0 never. */
  readonly reloadMs: number;
}

/**
 * The API keys as the file holds them now, so keys rotate without a restart: at most once per
 * `reloadMs`, a request stats the file (no timer runs between requests), and a changed file is read
 * again. A file that no longer reads or parses keeps the keys last read, and says so once per change.
 */
export function reloadingKeys(
  source: ApiKeySource,
  onReload: (outcome: { ok: true; keys: number } | { ok: false; reason: string }) => void = () => {},
  now: () => number = Date.now,
): () => ReadonlyMap<string, Grant> {
  let keys = source.initial;
  if (source.reloadMs === 0) return () => keys;
  let checkedAt = now();
  let seen = stamp(source.path);
  return () => {
    if (now() - checkedAt < source.reloadMs) return keys;
    checkedAt = now();
    const current = stamp(source.path);
    if (current === seen) return keys;
    seen = current;
    try {
      keys = loadApiKeys(source.path, source.sets);
      onReload({ ok: true, keys: keys.size });
    } catch (error) {
      onReload({ ok: false, reason: (error as Error).message });
    }
    return keys;
  };
}

/** What tells a changed file apart: its modification time, size and inode (a swapped symlink too). */
function stamp(path: string): string {
  try {
    const s = statSync(path);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch (error) {
    return `missing:${(error as NodeJS.ErrnoException).code ?? ''}`;
  }
}
