import DataLoader from 'dataloader';
import type { RowKind, RowStore } from './cache/row-cache.js';
import { chunks } from './chunks.js';
import type { BatchSizes } from './config.js';
import { batchSizeOf } from './drs/apis.js';
import type { DrsSession } from './drs/client.js';
import { itemError, missingRowError } from './drs/errors.js';
import type {
  QueryFlowCompareDataResp,
  QueryJobResp,
  QueryProgressResp,
  QueryStructDetailResp,
  StructDetailType,
} from './drs/types.js';
import { createDiscoveryLoaders, type DiscoveryLoaders } from './loaders-discovery.js';
import { createV5Loaders, type V5Loaders } from './loaders-v5.js';

export interface StructDetailKey {
  jobId: string;
  type: StructDetailType;
}

/** Per-request loaders: every per-field lookup of one operation folds into batch calls. */
export interface Loaders extends V5Loaders, DiscoveryLoaders {
  jobDetail: DataLoader<string, QueryJobResp>;
  jobProgress: DataLoader<string, QueryProgressResp>;
  structDetail: DataLoader<StructDetailKey, QueryFlowCompareDataResp, string>;
}

/** The caller's cached rows of one kind (src/cache/row-cache.ts); undefined when not cached. */
export type CachedRows = <Row>(kind: RowKind) => RowStore<Row> | undefined;

/**
 * Builds the loaders of one GraphQL request. Chunking happens inside the batch functions, not through
 * dataloader's `maxBatchSize`, so struct-detail keys of several types never share (and split) a chunk.
 * With `cached`, each batch asks DRS only for the ids whose rows are not cached.
 */
export function createLoaders(drs: DrsSession, batchSizes: BatchSizes, cached: CachedRows = () => undefined): Loaders {
  return {
    ...createV5Loaders(drs),
    ...createDiscoveryLoaders(drs, batchSizes),
    jobDetail: new DataLoader((ids) =>
      fetchById(
        ids,
        batchSizeOf('batch-detail', batchSizes),
        (chunk) => drs.batchDetail(chunk),
        (row: QueryJobResp) => row.id,
        (row) => row,
        cached('detail'),
      ),
    ),
    jobProgress: new DataLoader((ids) =>
      fetchById(
        ids,
        batchSizeOf('batch-progress', batchSizes),
        (chunk) => drs.batchProgress(chunk),
        (row: QueryProgressResp) => row.job_id,
        (row) =>
          // batch-progress names the message error_msg; the other two name it error_message.
          ({ error_code: row.error_code, error_message: row.error_msg }),
        cached('progress'),
      ),
    ),
    structDetail: new DataLoader(
      async (keys) => {
        const byType = new Map<StructDetailType, string[]>();
        for (const key of keys) {
          const ids = byType.get(key.type) ?? [];
          if (ids.length === 0) byType.set(key.type, ids);
          ids.push(key.jobId);
        }
        const answers = new Map<string, QueryFlowCompareDataResp | Error>();
        await Promise.all(
          [...byType].map(async ([type, ids]) => {
            const values = await fetchById(
              ids,
              batchSizeOf('batch-struct-detail', batchSizes),
              (chunk) => drs.batchStructDetail(type, chunk),
              (row: QueryStructDetailResp) => row.job_id,
              (row) => row,
              cached({ struct: type }),
            );
            for (const [i, id] of ids.entries()) answers.set(structKey({ jobId: id, type }), mapStruct(values[i]));
          }),
        );
        return keys.map((key) => answers.get(structKey(key)) as QueryFlowCompareDataResp | Error);
      },
      { cacheKeyFn: structKey },
    ),
  };
}

function structKey(key: StructDetailKey): string {
  return `${key.type}:${key.jobId}`;
}

function mapStruct(
  value: { struct_detail?: QueryFlowCompareDataResp } | Error | undefined,
): QueryFlowCompareDataResp | Error {
  if (value instanceof Error) return value;
  return value?.struct_detail ?? {};
}

interface ItemError {
  error_code?: string | undefined;
  error_message?: string | undefined;
}

/**
 * Calls a batch API once per chunk (chunks run concurrently) and answers one value or one Error per id,
 * in id order. Rows are matched by id, never by position: DRS may reorder, omit or repeat them. Ids
 * whose rows are cached are not asked; good rows fetched are cached (per-item errors never are).
 */
export async function fetchById<Row extends object>(
  ids: readonly string[],
  batchSize: number,
  call: (chunk: string[]) => Promise<{ results?: Row[] }>,
  idOf: (row: Row) => string | undefined,
  errorOf: (row: Row) => ItemError,
  cache?: RowStore<Row>,
): Promise<(Row | Error)[]> {
  const hits = cache ? await cache.get(ids) : new Map<string, Row>();
  const byId = new Map<string, Row | Error>(hits);
  const missing = hits.size === 0 ? ids : ids.filter((id) => !hits.has(id));
  await Promise.all(
    chunks(missing, batchSize).map(async (chunk) => {
      let rows: Row[];
      try {
        rows = (await call(chunk)).results ?? [];
      } catch (error) {
        for (const id of chunk) byId.set(id, error as Error);
        return;
      }
      const wanted = new Set(chunk);
      for (const row of rows) {
        const id = idOf(row);
        if (id === undefined || !wanted.has(id)) continue;
        const { error_code: code, error_message: message } = errorOf(row);
        const value = code ? itemError(id, code, message) : row;
        // A repeated row must not replace a good one with an error.
        if (!byId.has(id) || byId.get(id) instanceof Error) byId.set(id, value);
      }
    }),
  );
  if (cache && missing.length > 0) {
    const fresh = new Map<string, Row>();
    for (const id of missing) {
      const value = byId.get(id);
      if (value !== undefined && !(value instanceof Error)) fresh.set(id, value);
    }
    if (fresh.size > 0) await cache.put(fresh);
  }
  return ids.map((id) => byId.get(id) ?? missingRowError(id));
}
