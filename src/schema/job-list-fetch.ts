import type { JobInfo, QueryJobsReq, QueryJobsResponse } from '../drs/types-discovery.js';
import { encodeListCursor } from './job-list-cursor.js';

/** DRS's largest `per_page` for the tenant job list. */
const MAX_PER_PAGE = 100;

/**
 * The `cur_page`/`per_page` requests that cover rows [offset, offset + count) of a list paged by
 * page number: one page when some page size up to 100 holds them all, else two pages of 100.
 */
export function pagesFor(offset: number, count: number): { cur_page: number; per_page: number; skip: number }[] {
  for (let size = count; size <= MAX_PER_PAGE; size++) {
    if ((offset % size) + count <= size) {
      return [{ cur_page: Math.floor(offset / size) + 1, per_page: size, skip: offset % size }];
    }
  }
  const first = Math.floor(offset / MAX_PER_PAGE) + 1;
  return [
    { cur_page: first, per_page: MAX_PER_PAGE, skip: offset % MAX_PER_PAGE },
    { cur_page: first + 1, per_page: MAX_PER_PAGE, skip: 0 },
  ];
}

export type ListCall = (req: QueryJobsReq) => Promise<QueryJobsResponse>;

/** Rows [offset, offset + count) of one DRS list, and the list's total. */
async function window(
  call: ListCall,
  req: Omit<QueryJobsReq, 'cur_page' | 'per_page'>,
  offset: number,
  count: number,
): Promise<{ rows: JobInfo[]; total: number }> {
  const pages = pagesFor(offset, count);
  const answers = await Promise.all(pages.map(({ cur_page, per_page }) => call({ cur_page, per_page, ...req })));
  const rows = answers.flatMap((a) => a.jobs ?? []).slice(pages[0]!.skip, pages[0]!.skip + count);
  return { rows, total: answers[0]?.total_record ?? 0 };
}

/** Newest first as DRS lists them; the id breaks ties so the merge never depends on timing. */
function createdMs(row: JobInfo): number {
  const raw = row.create_time ?? '';
  if (/^\d+$/.test(raw)) return Number(raw);
  // "2020-12-21 10:57:49" as the published example; read as UTC.
  const ms = Date.parse(`${raw.replace(' ', 'T')}${/[zZ+]/.test(raw) ? '' : 'Z'}`);
  return Number.isNaN(ms) ? 0 : ms;
}

function before(a: JobInfo, b: JobInfo): boolean {
  const byTime = createdMs(b) - createdMs(a);
  if (byTime !== 0) return byTime < 0;
  return (a.id ?? '') <= (b.id ?? '');
}

export interface MergedPage {
  rows: JobInfo[];
  cursors: string[];
  totalCount: number;
}

/**
 * One page of the merged list: from each DRS list the next `count` rows after what `taken` says was
 * already taken (all fetched at once), merged newest first; each row's cursor records what has been
 * taken of every list up to it, so the next page starts exactly after it.
 */
export async function mergedPage(
  call: ListCall,
  requests: Omit<QueryJobsReq, 'cur_page' | 'per_page'>[],
  filter: string,
  taken: readonly number[],
  count: number,
): Promise<MergedPage> {
  // A page of 0 rows still asks for one: the total is wanted.
  const windows = await Promise.all(requests.map((req, k) => window(call, req, taken[k]!, Math.max(count, 1))));
  const next = windows.map(() => 0);
  const position = [...taken];
  const page: MergedPage = { rows: [], cursors: [], totalCount: windows.reduce((sum, w) => sum + w.total, 0) };
  while (page.rows.length < count) {
    let best = -1;
    for (const [k, w] of windows.entries()) {
      const head = w.rows[next[k]!];
      if (head && (best < 0 || before(head, windows[best]!.rows[next[best]!]!))) best = k;
    }
    if (best < 0) break;
    page.rows.push(windows[best]!.rows[next[best]!]!);
    next[best]!++;
    position[best]!++;
    const index = position.reduce((a, b) => a + b, 0) - 1;
    page.cursors.push(encodeListCursor({ filter, index, taken: position }));
  }
  return page;
}
