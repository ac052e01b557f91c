import { type Reply, runBatch } from './batch.js';
import type { Catalog } from './data/catalog.js';
import type { Listing } from './data/listing.js';
import { isStructType } from './data/struct.js';
import type { V5Catalog } from './data/v5-catalog.js';
import { paramInvalid } from './errors.js';
import { detailItemJson, progressItem, statusItem, structItemJson } from './items.js';
import { handleJobList } from './job-list.js';
import type { RuntimeOptions } from './options.js';
import type { Route } from './router.js';
import { handleAsyncJobDetail } from './v5/async-jobs.js';
import { handleJobLog } from './v5/job-log.js';
import { handleProgressData } from './v5/progress-data.js';

export interface HandlerContext {
  route: Route;
  /** Parsed JSON body, or undefined when the bytes were not JSON. */
  body: unknown;
  query: URLSearchParams;
  options: RuntimeOptions;
  catalog: Catalog;
  v5: V5Catalog;
  listing: Listing;
  /** Simulated instant the answer describes. */
  now: number;
}

/** Answers an authenticated request on one of the routes. */
export function handleApi(ctx: HandlerContext): Reply {
  const { route, body, options, catalog, now } = ctx;
  const resolve = (id: string) => catalog.resolve(route.projectId, id, options.releasedRate, now);
  switch (route.api) {
    case 'iam-token':
      throw new Error('IAM requests are answered before authentication (pipeline.ts)');
    case 'batch-detail':
      return runBatch({ body, options, paging: true, successStatus: 200, item: (id) => detailItemJson(resolve(id)) });
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
      return runBatch({
        body,
        options,
        paging: true,
        successStatus: 200,
        item: (id) => structItemJson(resolve(id), type),
      });
    }
    case 'progress-data':
      return handleProgressData(route.projectId, route.jobId ?? '', route.type ?? '', ctx.query, {
        catalog,
        v5: ctx.v5,
        releasedRate: options.releasedRate,
        now,
      });
    case 'batch-status':
      return runBatch({ body, options, paging: true, successStatus: 200, item: (id) => statusItem(resolve(id)) });
    case 'job-list':
      return handleJobList(route.projectId, body, ctx.listing, options.releasedRate, now);
    case 'job-log':
      return handleJobLog(route.projectId, route.jobId ?? '', ctx.query, {
        catalog,
        v5: ctx.v5,
        releasedRate: options.releasedRate,
        now,
      });
    case 'async-job-detail':
      return handleAsyncJobDetail(
        route.projectId,
        ctx.v5.batch(route.projectId, route.asyncJobId ?? ''),
        ctx.query,
        now,
      );
  }
}
