import type { PageLimits } from './paging.js';

/** `objectProgress`: two upstream pages at most per field, enough to page 2,500 rows in two steps. */
export const OBJECT_PROGRESS_LIMITS: PageLimits = { defaultSize: 100, maxSize: 2000 };

/** `StructDetail.objects`: DRS answers the whole list; it is sliced so every list pages the same way. */
export const STRUCT_OBJECT_LIMITS: PageLimits = { defaultSize: 100, maxSize: 2000 };
