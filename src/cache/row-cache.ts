import { createHash } from 'node:crypto';
import type { DrsApi } from '../drs/apis.js';
import { credentialKey, type DrsCredentials } from '../drs/credentials.js';
import type { StructDetailType } from '../drs/types.js';
import type { SharedState } from '../shared-state/types.js';
import type { CacheConfig } from './config.js';

/** What a row is a row of: one batch API (and, for struct detail, one type). */
export type RowKind = 'detail' | 'progress' | { struct: StructDetailType };

/** Per lookup: `bypass` when the shared state is down and nothing could be read. */
export type CacheResult = 'hit' | 'miss' | 'bypass';
export type CacheLookupListener = (api: DrsApi, result: CacheResult, count: number) => void;

/** One tenant's rows of one kind: what a loader's batch function reads before calling DRS. */
export interface RowStore<Row> {
  /** The cached rows among `ids` (never an error: per-item errors are not kept). */
  get(ids: readonly string[]): Promise<Map<string, Row>>;
  /** Keeps `rows` (good rows only) for the kind's TTL. */
  put(rows: ReadonlyMap<string, Row>): Promise<void>;
}

/**
 * DRS rows per job id, kept in the shared state under a key naming the tenant by a hash of its
 * credential identity (a token's hash or the AK, never a secret), project and language, so one
 * tenant's rows can never answer another. Failures of the shared state count as misses.
 */
export class RowCache {
  constructor(
    private readonly shared: SharedState,
    private readonly config: CacheConfig,
    private readonly onLookup?: CacheLookupListener,
  ) {}

  /** The rows of one tenant and kind; undefined when that kind is not kept (TTL 0) or there is no credential. */
  rows<Row>(
    credentials: Pick<DrsCredentials, 'auth' | 'projectId' | 'language'>,
    kind: RowKind,
  ): RowStore<Row> | undefined {
    const { auth, projectId, language } = credentials;
    const ttlMs = this.ttlOf(kind);
    if (auth === undefined || ttlMs === 0) return undefined;
    const tenant = createHash('sha256')
      .update(`${credentialKey(auth)}\n${projectId}\n${language}`)
      .digest('hex');
    const prefix = `row:${kindName(kind)}:${tenant.slice(0, 32)}:`;
    const api: DrsApi =
      kind === 'detail' ? 'batch-detail' : kind === 'progress' ? 'batch-progress' : 'batch-struct-detail';
    return {
      get: async (ids) => {
        const found = new Map<string, Row>();
        let values: (string | undefined)[];
        try {
          values = await this.shared.getMany(ids.map((id) => prefix + id));
        } catch {
          this.onLookup?.(api, 'bypass', ids.length);
          return found;
        }
        for (const [i, value] of values.entries())
          if (value !== undefined) found.set(ids[i]!, JSON.parse(value) as Row);
        this.onLookup?.(api, 'hit', found.size);
        this.onLookup?.(api, 'miss', ids.length - found.size);
        return found;
      },
      put: async (rows) => {
        const entries = [...rows].map(([id, row]) => ({ key: prefix + id, value: JSON.stringify(row), ttlMs }));
        // Not kept is only a later miss: the answer never waits on a failing shared state.
        await this.shared.setMany(entries).catch(() => {});
      },
    };
  }

  private ttlOf(kind: RowKind): number {
    if (kind === 'detail') return this.config.ttlMs.detail;
    if (kind === 'progress') return this.config.ttlMs.progress;
    return this.config.ttlMs.structDetail;
  }
}

function kindName(kind: RowKind): string {
  return typeof kind === 'string' ? kind : `struct-${kind.struct}`;
}
