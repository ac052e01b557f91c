import { type Problem, pageInvalid, pageTooHigh, paramInvalid } from '../http/errors.js';

/**
 * v3 `page_req` paging over the job IDs the caller sent (REFERENCE §3.1): cur_page ≥ 1
 * (default 1), per_page 0–100 (default 5, so a bare call answers at most 5 jobs), 0 = all.
 *
 * Error choices (undocumented beyond the code table, §9.2):
 * - a field of the wrong JSON type, or a non-integer number → DRS.M00202 naming the field;
 * - an integer outside its range (cur_page < 1, per_page < 0 or > 100) → DRS.M00210;
 * - cur_page past ceil(ids / per_page) → DRS.M00211; per_page 0 makes exactly one page.
 * - `page_req: null` counts as absent, as a Java DTO would read it.
 */

export const DEFAULT_PER_PAGE = 5;
export const MAX_PER_PAGE = 100;

export interface Page {
  curPage: number;
  perPage: number;
}

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: Problem };

function readInt(raw: Record<string, unknown>, field: string, fallback: number): Parsed<number> {
  const value = raw[field];
  if (value === undefined || value === null) return { ok: true, value: fallback };
  if (typeof value !== 'number' || !Number.isInteger(value)) return { ok: false, problem: paramInvalid(field) };
  return { ok: true, value };
}

export function parsePageReq(raw: unknown): Parsed<Page> {
  if (raw === undefined || raw === null) return { ok: true, value: { curPage: 1, perPage: DEFAULT_PER_PAGE } };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, problem: paramInvalid('page_req') };
  const record = raw as Record<string, unknown>;
  const cur = readInt(record, 'cur_page', 1);
  if (!cur.ok) return cur;
  const per = readInt(record, 'per_page', DEFAULT_PER_PAGE);
  if (!per.ok) return per;
  if (cur.value < 1) return { ok: false, problem: pageInvalid('cur_page must be at least 1.') };
  if (per.value < 0 || per.value > MAX_PER_PAGE) {
    return { ok: false, problem: pageInvalid(`per_page must be between 0 and ${MAX_PER_PAGE}.`) };
  }
  return { ok: true, value: { curPage: cur.value, perPage: per.value } };
}

/** The slice of `ids` that page covers, or DRS.M00211 when cur_page is past the last page. */
export function slicePage<T>(ids: readonly T[], page: Page): Parsed<T[]> {
  const pages = page.perPage === 0 ? 1 : Math.max(1, Math.ceil(ids.length / page.perPage));
  if (page.curPage > pages) return { ok: false, problem: pageTooHigh() };
  if (page.perPage === 0) return { ok: true, value: [...ids] };
  const start = (page.curPage - 1) * page.perPage;
  return { ok: true, value: ids.slice(start, start + page.perPage) };
}
