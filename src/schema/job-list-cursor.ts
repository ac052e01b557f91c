import { badUserInput } from '../errors.js';

/**
 * Where a `jobList` page resumes. The list is a merge of one DRS list per scenario × status, so a
 * position is how many rows of each have been taken (`taken`); `index` is the row's place in the
 * merged list (their sum minus one) and `filter` the fingerprint of the filter that made it.
 */
export interface ListPosition {
  filter: string;
  index: number;
  taken: number[];
}

const PREFIX = 'jl1:';
const MAX_OFFSET = 1e9;

/** Opaque and stable: the same row of the same filtered list always has the same cursor. */
export function encodeListCursor(p: ListPosition): string {
  return Buffer.from(`${PREFIX}${p.filter}:${p.taken.join('.')}`).toString('base64url');
}

/**
 * Reads an `after` cursor of the list `filter` fingerprints, made of `lists` DRS lists. A cursor
 * of another filter (or another API) is refused: resuming from it would skip or repeat rows.
 */
export function decodeListCursor(cursor: string, filter: string, lists: number): ListPosition {
  const text = Buffer.from(cursor, 'base64url').toString();
  const refuse = (why: string) => badUserInput(`"after" ${why}`, { argument: 'after' });
  if (!text.startsWith(PREFIX)) throw refuse('is not a jobList cursor');
  const [print, counts] = text.slice(PREFIX.length).split(':');
  if (print !== filter) throw refuse('comes from a jobList with another filter; start again without it');
  const taken = (counts ?? '').split('.').map(Number);
  const valid = taken.every((n) => Number.isSafeInteger(n) && n >= 0 && n <= MAX_OFFSET);
  const index = taken.reduce((a, b) => a + b, 0) - 1;
  if (!valid || taken.length !== lists || index < 0) throw refuse('is not a cursor this API issued');
  return { filter, index, taken };
}
