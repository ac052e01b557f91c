import { type Reply, runBatch } from './batch.js';
import type { Catalog } from './data/catalog.js';
import { isStructType } from './data/struct.js';
import { paramInvalid } from './errors.js';
import { detailItem, progressItem, structItem } from './items.js';
import type { RuntimeOptions } from './options.js';
import type { Route } from './router.js';

export interface HandlerContext {
  route: Route;
  /** Parsed JSON body, or undefined when the bytes were not JSON. */
  body: unknown;
  options: RuntimeOptions;
  catalog: Catalog;
}

/** Answers an authenticated request on one of the three batch routes. */
export function handleBatchApi({ route, body, options, catalog }: HandlerContext): Reply {
  const resolve = (id: string) => catalog.resolve(route.projectId, id, options.releasedRate);
  switch (route.api) {
    case 'batch-detail':
      return runBatch({ body, options, paging: true, successStatus: 200, item: (id) => detailItem(resolve(id)) });
    case 'batch-progress':
      return runBatch({
        body,
        options,
        paging: false,
        successStatus: options.progressStatus,
        item: (id) => progressItem(resolve(id)),
      });
    case 'batch-struct-detail': {
      const type = route.type ?? '';
      // The path parameter is checked before the body, as path binding precedes body parsing.
      if (!isStructType(type)) return { ...paramInvalid('type'), outcome: 'bad-request' };
      return runBatch({ body, options, paging: true, successStatus: 200, item: (id) => structItem(resolve(id), type) });
    }
  }
}
