import { randomUUID } from 'node:crypto';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/** What a caller's `X-Request-Id` may look like to be passed on (logs, DRS); anything else is replaced. */
const SANE = /^[A-Za-z0-9._:/+=@-]{1,128}$/;

/** The caller's request id when it is sane, otherwise a new one. */
export function requestIdOf(given: string | null | undefined): string {
  return given && SANE.test(given) ? given : randomUUID();
}

/**
 * Gives every HTTP request an id before anything else sees it: the caller's `X-Request-Id` when
 * sane, or a new one, written back into the request's headers (so yoga and the context read the
 * same) and onto the answer.
 */
export function withRequestId(listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const given = req.headers['x-request-id'];
    const id = requestIdOf(typeof given === 'string' ? given : undefined);
    req.headers['x-request-id'] = id;
    res.setHeader('x-request-id', id);
    listener(req, res);
  };
}
