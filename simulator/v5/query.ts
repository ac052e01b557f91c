import { type Problem, pageInvalid, paramInvalid } from '../http/errors.js';

/** offset/limit of the v5 list APIs. */
export interface V5Page {
  offset: number;
  limit: number;
}

export type PageResult = { ok: true; value: V5Page } | { ok: false; problem: Problem };

export const DEFAULT_LIMIT = 10;
export const MAX_LIMIT = 1000;

/** What Java's Integer.parseInt accepts: an optional sign and decimal digits within 32 bits. */
const INTEGER = /^[+-]?\d{1,10}$/;

function readInt(query: URLSearchParams, name: string, fallback: number): number | Problem {
  const raw = query.get(name);
  // An empty value binds to null on a Java backend, i.e. the default.
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!INTEGER.test(raw) || value > 2 ** 31 - 1 || value < -(2 ** 31)) return paramInvalid(name);
  return value;
}

/**
 * `offset` ≥ 0 (default 0) and `limit` 1–1000 (default 10), as the progress-data page documents;
 * batch-async-jobs documents no range, so the same rules apply there [REFERENCE §7, INF].
 * Error choices mirror v3 paging: not an integer → DRS.M00202 naming the parameter, out of
 * range → DRS.M00210. The first of repeated parameters wins, as servlet containers bind it.
 */
export function parseV5Page(query: URLSearchParams): PageResult {
  const offset = readInt(query, 'offset', 0);
  if (typeof offset !== 'number') return { ok: false, problem: offset };
  const limit = readInt(query, 'limit', DEFAULT_LIMIT);
  if (typeof limit !== 'number') return { ok: false, problem: limit };
  if (offset < 0) return { ok: false, problem: pageInvalid('offset must be at least 0.') };
  if (limit < 1 || limit > MAX_LIMIT)
    return { ok: false, problem: pageInvalid(`limit must be between 1 and ${MAX_LIMIT}.`) };
  return { ok: true, value: { offset, limit } };
}
