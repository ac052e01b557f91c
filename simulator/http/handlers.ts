import { DRS_API, type DrsApi, type DrsApiOfShape } from '../../src/drs/apis.js';
import type { Catalog, Resolution } from '../data/catalog.js';
import type { Listing } from '../data/listing.js';
import { isStructType } from '../data/struct.js';
import type { V5Catalog } from '../data/v5-catalog.js';
import type { RuntimeOptions } from '../options.js';
import { type Reply, runBatch } from '../v3/batch.js';
import { detailItemJson, type Item, progressItem, statusItem, structItemJson } from '../v3/items.js';
import { handleJobList } from '../v3/job-list.js';
import { handleAsyncJobDetail } from '../v5/async-jobs.js';
import { handleJobLog } from '../v5/job-log.js';
import { handleProgressData } from '../v5/progress-data.js';
import { paramInvalid } from './errors.js';
import type { Route } from './router.js';

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

type Handler = (ctx: HandlerContext) => Reply;

/** A v3 batch API's answer: one item per job id, paged over the ids when its row sends `page_req`. */
function batch(
  ctx: HandlerContext,
  api: DrsApiOfShape<'jobs' | 'jobs-paged'>,
  successStatus: number,
  item: (job: Resolution) => Item<object>,
): Reply {
  const { route, body, options, catalog, now } = ctx;
  const paging = DRS_API[api].shape === 'jobs-paged';
  const resolve = (id: string) => catalog.resolve(route.projectId, id, options.releasedRate, now);
  return runBatch({ body, options, paging, successStatus, item: (id) => item(resolve(id)) });
}

/** One handler per row of the gateway's DRS API table (test/gateway/drs-api-table.test.ts checks they match). */
export const HANDLERS: Readonly<Record<DrsApi, Handler>> = {
  'batch-detail': (ctx) => batch(ctx, 'batch-detail', 200, detailItemJson),
  'batch-progress': (ctx) => batch(ctx, 'batch-progress', ctx.options.progressStatus, progressItem),
  'batch-struct-detail': (ctx) => {
    const type = ctx.route.type ?? '';
    // The path parameter is checked before the body, as path binding precedes body parsing.
    if (!isStructType(type)) return { ...paramInvalid('type'), outcome: 'bad-request' };
    return batch(ctx, 'batch-struct-detail', 200, (job) => structItemJson(job, type));
  },
  'progress-data': ({ route, query, catalog, v5, options, now }) =>
    handleProgressData(route.projectId, route.jobId ?? '', route.type ?? '', query, {
      catalog,
      v5,
      releasedRate: options.releasedRate,
      now,
    }),
  'async-job-detail': ({ route, query, v5, now }) =>
    handleAsyncJobDetail(route.projectId, v5.batch(route.projectId, route.asyncJobId ?? ''), query, now),
  'job-list': ({ route, body, listing, options, now }) =>
    handleJobList(route.projectId, body, listing, options.releasedRate, now),
  'batch-status': (ctx) => batch(ctx, 'batch-status', 200, statusItem),
  'job-log': ({ route, query, catalog, v5, options, now }) =>
    handleJobLog(route.projectId, route.jobId ?? '', query, { catalog, v5, releasedRate: options.releasedRate, now }),
};

/** Answers an authenticated request on one of the DRS routes. */
export function handleApi(ctx: HandlerContext): Reply {
  const { api } = ctx.route;
  if (api === 'iam-token') throw new Error('IAM requests are answered before authentication (pipeline.ts)');
  return HANDLERS[api](ctx);
}
