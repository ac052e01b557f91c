import type { ObjectRef } from '@pothos/core';
import { builder } from './builder.js';
import { encodeCursor, firstPages, type PageWindow, settleWindow, upstreamPages } from './paging.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** A resolved slice of a list: its rows, where it starts, and the list's total. */
export interface Slice<T> {
  rows: T[];
  start: number;
  totalCount: number;
  /** Each row's cursor, when the list's cursors carry more than an offset (`jobList`). */
  cursors?: string[];
}

/** One upstream page: the rows asked for and the list's total. */
export interface Page<T> {
  rows: T[];
  count: number;
}

export const PageInfo = builder
  .objectRef<{ hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null }>(
    'PageInfo',
  )
  .implement({
    description: 'Relay page information of a connection.',
    fields: (t) => ({
      hasNextPage: t.exposeBoolean('hasNextPage', { nullable: false, description: 'Whether rows follow this page.' }),
      hasPreviousPage: t.exposeBoolean('hasPreviousPage', {
        nullable: false,
        description: 'Whether rows precede this page.',
      }),
      startCursor: t.exposeString('startCursor', {
        nullable: true,
        description: 'Cursor of the first edge; null on an empty page.',
      }),
      endCursor: t.exposeString('endCursor', {
        nullable: true,
        description: 'Cursor of the last edge (pass it as `after` for the next page); null on an empty page.',
      }),
    }),
  });

/**
 * `<name>Connection` and `<name>Edge` over `node`. Built by hand (no relay plugin) so cursors stay
 * ours: each encodes the row's offset, which is all an offset/limit upstream can resume from.
 */
export function connectionOf<T extends object>(
  name: string,
  node: ObjectRef<Types, T>,
  description: string,
  /** `nodes`: a `nodes` field beside `edges`; `nullableNodes`: a node that fails is null, not the page. */
  options: { nodes?: boolean; nullableNodes?: boolean } = {},
) {
  const nullable = options.nullableNodes === true;
  const Edge = builder.objectRef<{ row: T; cursor: string }>(`${name}Edge`).implement({
    description: `One ${name} of a ${name}Connection, with the cursor that resumes after it.`,
    fields: (t) => ({
      cursor: t.string({
        nullable: false,
        description: 'Opaque; pass it as `after` to continue after this edge.',
        resolve: (e) => e.cursor,
      }),
      // Pothos cannot check a generic node type against its resolver; `node` is built from T.
      node: t.field({
        type: node,
        nullable,
        description: nullable ? `The ${name}; null (with an error) when it could not be loaded.` : `The ${name}.`,
        resolve: (e) => e.row as never,
      }),
    }),
  });
  return builder.objectRef<Slice<T>>(`${name}Connection`).implement({
    description,
    fields: (t) => ({
      totalCount: t.int({ nullable: false, description: 'Rows in the whole list.', resolve: (s) => s.totalCount }),
      edges: t.field({
        type: [Edge],
        nullable: false,
        description: 'The page’s rows, each with its cursor.',
        resolve: (s) => s.rows.map((row, i) => ({ row, cursor: cursorAt(s, i) })),
      }),
      ...(options.nodes
        ? {
            nodes: t.field({
              type: [node],
              nullable: { list: false, items: nullable },
              description: 'The edges’ nodes, for clients that need no cursors.',
              resolve: (s) => s.rows as never,
            }),
          }
        : {}),
      pageInfo: t.field({
        type: PageInfo,
        nullable: false,
        description: 'Whether there are rows before or after the page, and its first and last cursors.',
        resolve: pageInfoOf,
      }),
    }),
  });
}

function cursorAt<T>(s: Slice<T>, i: number): string {
  return s.cursors?.[i] ?? encodeCursor(s.start + i);
}

function pageInfoOf<T>(s: Slice<T>) {
  const last = s.start + s.rows.length - 1;
  return {
    hasNextPage: s.start + s.rows.length < s.totalCount,
    hasPreviousPage: s.start > 0 && s.totalCount > 0,
    startCursor: s.rows.length > 0 ? cursorAt(s, 0) : null,
    endCursor: s.rows.length > 0 ? cursorAt(s, last - s.start) : null,
  };
}

/**
 * Fetches a window through `fetch` in as few upstream pages as possible, all at once. Only `last`
 * without `before` costs one more call first: the window hangs from a total only DRS knows.
 */
export async function fetchWindow<T>(
  window: PageWindow,
  fetch: (offset: number, limit: number) => Promise<Page<T>>,
): Promise<Slice<T>> {
  let total: number | undefined;
  const first = firstPages(window);
  if (window.end === undefined) total = (await fetch(first[0]!.offset, first[0]!.limit)).count;
  const { start, end } = settleWindow(window, total ?? Number.POSITIVE_INFINITY);
  const wanted = total === undefined ? first : end > start ? upstreamPages(start, end) : [];
  const pages = await Promise.all(wanted.map((p) => fetch(p.offset, p.limit)));
  const totalCount = pages[0]?.count ?? total ?? 0;
  const rows = end > start ? pages.flatMap((p) => p.rows).slice(0, end - start) : [];
  return { rows, start, totalCount };
}

/** A client-side slice of a list DRS returns whole. */
export function sliceList<T>(list: readonly T[], window: PageWindow): Slice<T> {
  const { start, end } = settleWindow(window, list.length);
  return { rows: list.slice(start, end), start, totalCount: list.length };
}
