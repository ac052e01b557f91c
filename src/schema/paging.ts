import { badUserInput } from '../errors.js';

/** The most rows one upstream v5 page may carry (`limit` 1–1000). */
export const UPSTREAM_PAGE_MAX = 1000;

/** Relay paging arguments as GraphQL passes them. */
export interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

export interface PageLimits {
  /** Edges when neither `first` nor `last` is given. */
  defaultSize: number;
  /** The largest `first`/`last` accepted. */
  maxSize: number;
}

/** Offsets `[start, end)`; `end` undefined means "up to the total", which only DRS knows. */
export interface PageWindow {
  start: number;
  end: number | undefined;
  /** `last` without `before`: the window is cut from the end once the total is known. */
  last: number | undefined;
}

const CURSOR = /^o:(0|[1-9]\d{0,8})$/;

/** Opaque cursor of the row at `offset`; versioned by its prefix so its encoding can change. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeCursor(cursor: string, name: string): number {
  const match = CURSOR.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw badUserInput(`"${name}" is not a cursor this API issued`, { argument: name });
  return Number(match[1]);
}

/** Checks the arguments (before any upstream call) and turns them into a window of offsets. */
export function pageWindow(args: PageArgs, limits: PageLimits): PageWindow {
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value !== null && value !== undefined && (value < 0 || value > limits.maxSize)) {
      throw badUserInput(`"${name}" must be between 0 and ${limits.maxSize} (got ${value})`, { argument: name });
    }
  }
  const start = args.after ? decodeCursor(args.after, 'after') + 1 : 0;
  let end = args.before ? decodeCursor(args.before, 'before') : undefined;
  const first = args.first ?? (args.last === null || args.last === undefined ? limits.defaultSize : undefined);
  if (first !== undefined) end = Math.min(end ?? Number.POSITIVE_INFINITY, start + first);
  const last = args.last ?? undefined;
  if (last !== undefined && end !== undefined) return { start: Math.max(start, end - last), end, last: undefined };
  return { start, end, last };
}

/** The window once the total is known. */
export function settleWindow(window: PageWindow, total: number): { start: number; end: number } {
  const end = Math.min(window.end ?? total, total);
  const start = window.last === undefined ? window.start : Math.max(window.start, end - window.last);
  return { start, end: Math.max(start, end) };
}

/**
 * The pages a window needs before anything is known of its list: all of them when its end is known
 * (one row where it starts if it is empty: the total is still wanted), else one row for the total,
 * which `last` without `before` hangs from. What `fetchWindow` asks first, and what the look-ahead
 * can ask for before the field resolves.
 */
export function firstPages(window: PageWindow): { offset: number; limit: number }[] {
  if (window.end === undefined) return [{ offset: 0, limit: 1 }];
  const { start, end } = settleWindow(window, Number.POSITIVE_INFINITY);
  return end > start ? upstreamPages(start, end) : [{ offset: start, limit: 1 }];
}

/** Upstream pages covering `[start, end)`: as few as the 1,000-row limit allows. */
export function upstreamPages(start: number, end: number): { offset: number; limit: number }[] {
  const pages: { offset: number; limit: number }[] = [];
  for (let offset = start; offset < end; offset += UPSTREAM_PAGE_MAX) {
    pages.push({ offset, limit: Math.min(UPSTREAM_PAGE_MAX, end - offset) });
  }
  return pages;
}
