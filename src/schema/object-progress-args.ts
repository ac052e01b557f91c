import type { ProgressDataType } from '../drs/types-v5.js';
import { type PageArgs, type PageLimits, type PageWindow, pageWindow } from './paging.js';

/** `objectProgress`: two upstream pages at most per field, enough to page 2,500 rows in two steps. */
export const OBJECT_PROGRESS_LIMITS: PageLimits = { defaultSize: 100, maxSize: 2000 };

export interface ObjectProgressArgs extends PageArgs {
  type: ProgressDataType;
  search?: string | null | undefined;
}

/**
 * What an `objectProgress` field asks of progress-data, from its arguments: the field's resolver and
 * the look-ahead both read them here, so the pages the look-ahead starts are the ones the resolver
 * loads. Throws BAD_USER_INPUT for paging arguments out of bounds or cursors this API never issued.
 */
export function objectProgressRequest(args: ObjectProgressArgs): {
  type: ProgressDataType;
  searchName: string | undefined;
  window: PageWindow;
} {
  return { type: args.type, searchName: args.search || undefined, window: pageWindow(args, OBJECT_PROGRESS_LIMITS) };
}
