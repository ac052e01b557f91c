import { builder } from './builder.js';
import { Job, loadJob } from './job.js';
import { jobNeeds } from './look-ahead.js';

/**
 * `Job` is a federation entity keyed by `id`: a router resolves N job references through the same
 * per-request loaders as `jobs(ids:)`, so `_entities` costs ⌈N / batch size⌉ calls per API.
 */
builder.asEntity(Job, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (ref, ctx, info) => {
    ctx.jobIds.claim([String(ref.id)]);
    return loadJob(String(ref.id), ctx, jobNeeds(info));
  },
});
