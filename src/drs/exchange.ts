import type { IncomingHttpHeaders } from 'node:http';
import type { Dispatcher } from 'undici';
import { errors } from './undici.js';

/** A whole DRS answer: status, headers and the body as text. */
export interface Exchange {
  statusCode: number;
  headers: IncomingHttpHeaders;
  text: string;
}

export interface ExchangeOptions {
  origin: string;
  /** Path and query string. */
  path: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body: string | null;
  headersTimeout: number;
  bodyTimeout: number;
  signal: AbortSignal | undefined;
}

/**
 * One HTTP exchange, read whole. DRS answers are small and always read in full, so this dispatches
 * with a handler that keeps the body's chunks and decodes them once at the end, instead of building a
 * stream per call as undici's `request` does. Failures reject with undici's own errors (timeouts,
 * socket errors) so retry decisions stay the same; an abort of `signal` rejects at once.
 */
export function exchange(dispatcher: Dispatcher, options: ExchangeOptions): Promise<Exchange> {
  const { signal, ...dispatchOptions } = options;
  return new Promise<Exchange>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new errors.RequestAbortedError());
      return;
    }
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let statusCode = 0;
    let headers: IncomingHttpHeaders = {};
    const chunks: Buffer[] = [];
    const finish = (error: Error | undefined, answer?: Exchange) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(answer!);
    };
    function onAbort() {
      const reason = new errors.RequestAbortedError();
      // Not yet on a socket: onRequestStart aborts it when it gets there.
      if (controller && !controller.aborted) controller.abort(reason);
      finish(reason);
    }
    signal?.addEventListener('abort', onAbort, { once: true });
    dispatcher.dispatch(dispatchOptions, {
      onRequestStart(started) {
        controller = started;
        if (settled) started.abort(new errors.RequestAbortedError());
      },
      onResponseStart(_controller, status, responseHeaders) {
        statusCode = status;
        headers = responseHeaders;
      },
      onResponseData(_controller, chunk) {
        chunks.push(chunk);
      },
      onResponseEnd() {
        const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
        finish(undefined, { statusCode, headers, text });
      },
      onResponseError(_controller, error) {
        finish(error);
      },
    });
  });
}
