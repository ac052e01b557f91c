import type { ServerResponse } from 'node:http';
import { send } from '../http/respond.js';
import { buildOpenApi } from './document.js';

let cached: string | undefined;

/** GET /openapi.json: public, like a published API description (no auth, not in the call log). */
export function serveOpenApi(res: ServerResponse, requestId: string): void {
  cached ??= JSON.stringify(buildOpenApi());
  send(res, { status: 200, body: null, raw: cached, outcome: 'ok' }, requestId);
}
