import { builder } from './builder.js';
import './job.js';
import './job-list.js';
import './job-logs.js';
import './object-progress.js';
import './async-job.js';
import './federation.js';
import { finishSchema } from './root.js';

/** The public schema, which is also an Apollo Federation 2 subgraph (`_service`, `_entities`). */
export const schema = finishSchema(builder.toSubGraphSchema({ linkUrl: 'https://specs.apollo.dev/federation/v2.6' }));
