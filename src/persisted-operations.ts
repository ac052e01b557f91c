import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ConfigError } from './config-env.js';

/**
 * Reads the trusted-operations allow-list: either a plain `{ "<sha256>": "<query>" }` map or an
 * Apollo persisted-query manifest (`{ format: "apollo-persisted-query-manifest", operations: [{ id, body }] }`).
 * Every id must be the SHA-256 of its body, so a tampered file stops start-up.
 */
export function loadPersistedOperations(path: string): Map<string, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`PERSISTED_OPERATIONS_FILE could not be read as JSON (${(error as Error).message})`);
  }
  const entries = manifestEntries(raw);
  const operations = new Map<string, string>();
  for (const [id, body] of entries) {
    const hash = createHash('sha256').update(body).digest('hex');
    if (hash !== id) throw new ConfigError(`PERSISTED_OPERATIONS_FILE: id ${id} is not the SHA-256 of its operation`);
    operations.set(id, body);
  }
  return operations;
}

function manifestEntries(raw: unknown): [string, string][] {
  if (typeof raw !== 'object' || raw === null)
    throw new ConfigError('PERSISTED_OPERATIONS_FILE must hold a JSON object');
  const manifest = raw as { format?: unknown; operations?: unknown };
  if (manifest.format === 'apollo-persisted-query-manifest' && Array.isArray(manifest.operations)) {
    return manifest.operations.map((operation: { id?: unknown; body?: unknown }) => {
      if (typeof operation.id !== 'string' || typeof operation.body !== 'string') {
        throw new ConfigError('PERSISTED_OPERATIONS_FILE: every operation needs a string id and body');
      }
      return [operation.id, operation.body];
    });
  }
  return Object.entries(raw).map(([id, body]) => {
    if (typeof body !== 'string') throw new ConfigError(`PERSISTED_OPERATIONS_FILE: ${id} must map to a query string`);
    return [id, body];
  });
}
