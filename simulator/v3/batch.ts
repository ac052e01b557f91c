import { randomInt } from 'node:crypto';
import type { CallOutcome } from '../http/call-log.js';
import type { RuntimeOptions } from '../options.js';
import type { Item } from './items.js';
import { parsePageReq, slicePage } from './paging.js';
import { validateJobs } from './validate.js';

/** What a handler decided: HTTP status, JSON body and how the call log should file it. */
export interface Reply {
  status: number;
  body: unknown;
  outcome: CallOutcome;
  /** Extra response headers (Retry-After of a scripted 429). */
  headers?: Record<string, string>;
  /** Bytes to send instead of the JSON of `body` (OpenAPI document, scripted truncated / HTML answers). */
  raw?: string | Buffer;
  contentType?: string;
  /** The scripted fault that shaped this reply, for the call log. */
  fault?: string;
}

export interface BatchSpec {
  body: unknown;
  /** batch-progress has no page_req; the other two page over the IDs sent. */
  paging: boolean;
  successStatus: number;
  options: RuntimeOptions;
  item(id: string): Item<object>;
}

function shuffleInPlace<T>(items: T[]): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
}

/**
 * The shared flow of the three v3 batch APIs. `count` is the number of distinct IDs requested,
 * before paging [REFERENCE §3.2 marks this an inference]. A page made only of per-item errors is
 * HTTP 400 with the usual `{count, results}` body (what Terraform relies on); a mixed page is
 * 400 only under `mixedUnknown: 'http400'`.
 */
export function runBatch(spec: BatchSpec): Reply {
  const jobs = validateJobs(spec.body, spec.options.duplicates);
  if (!jobs.ok) return { ...jobs.problem, outcome: 'bad-request' };
  let ids = jobs.ids;
  if (spec.paging) {
    const page = parsePageReq((spec.body as { page_req?: unknown }).page_req);
    if (!page.ok) return { ...page.problem, outcome: 'bad-request' };
    const slice = slicePage(ids, page.value);
    if (!slice.ok) return { ...slice.problem, outcome: 'bad-request' };
    ids = slice.value;
  }
  const items = ids.map((id) => spec.item(id));
  const failed = items.filter((i) => i.failed).length;
  const allFailed = failed > 0 && failed === items.length;
  const rejected = allFailed || (failed > 0 && spec.options.mixedUnknown === 'http400');
  const results = items.map((i) => i.value);
  if (spec.options.shuffle) shuffleInPlace(results);
  return {
    status: rejected ? 400 : spec.successStatus,
    body: { count: jobs.ids.length, results },
    outcome: rejected ? 'not-found' : 'ok',
  };
}
