import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ExecutionResult } from 'graphql';
import { getInstrumented, type YogaServerInstance } from 'graphql-yoga';
import {
  type FastPathRules,
  fastPathMediaType,
  headerReader,
  type QueryParams,
  queryParams,
} from './fast-path-request.js';
import { refusal, yogaEntry } from './yoga-entry.js';

/** How many requests the listener answered itself and how many it left to yoga (metrics read it). */
export interface Handled {
  fast: number;
  yoga: number;
}

type Yoga = YogaServerInstance<object, object>;

interface ResultProcessPayload {
  request: Request;
  result: unknown;
  acceptableMediaTypes: string[];
  setResult(result: unknown): void;
  resultProcessor: unknown;
  setResultProcessor(processor: ResultProcessor, mediaType: string): void;
  serverContext: object;
}

type ResultProcessor = (result: unknown, fetchAPI: object, mediaType: string) => unknown;

/**
 * The gateway's HTTP entry. Yoga adapts every Node request to the Fetch API before its pipeline
 * runs, which costs a sixth to a fifth of the dashboard query's CPU (bench/README.md). For the
 * request shape dashboards send (a POST of `{query, variables, operationName}` to the endpoint,
 * asking for JSON) this listener reads the body and writes the answer itself, but everything in
 * between is yoga's: `getResultForParams` runs the params hooks and the whole envelop chain (parse,
 * validate, context, execute, every plugin of the gateway), and yoga's result-process hooks pick
 * and build the answer, so status, headers and bytes are yoga's. What it leaves to yoga is what
 * needs yoga's HTTP handling: another method, path or Accept, a chunked or oversized body, an Origin
 * under CORS, a body that is not one plain query request.
 */
export function fastPathListener(
  yoga: Yoga,
  rules: FastPathRules,
  handled: Handled = { fast: 0, yoga: 0 },
): RequestListener {
  const pipeline = yogaEntry(yoga);
  const listener: RequestListener = (req, res) => {
    const mediaType = fastPathMediaType(req, rules);
    if (mediaType === undefined) {
      handled.yoga++;
      yoga(req, res);
      return;
    }
    readBody(req).then(
      (body) => {
        const params = queryParams(body.toString());
        if (params === undefined) toYoga(req, res, body);
        else serve(req, res, params);
      },
      () => req.destroy(),
    );
  };
  return listener;

  function serve(req: IncomingMessage, res: ServerResponse, params: QueryParams): void {
    handled.fast++;
    const controller = new AbortController();
    // As yoga's adapter does: the operation's upstream calls stop when the client goes away.
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const request = {
      method: 'POST',
      url: `http://${req.headers.host ?? 'localhost'}${req.url}`,
      headers: headerReader(req.headers),
      signal: controller.signal,
    } as unknown as Request;
    // What yoga's Node adapter gives its server context.
    const serverContext = { req, res, request };
    const { instrumentation } = pipeline;
    const run = instrumentation
      ? getInstrumented({ context: serverContext, request }).asyncFn(instrumentation.operation, operation)
      : operation;
    const process = instrumentation
      ? getInstrumented({ request }).asyncFn(instrumentation.resultProcess, answer)
      : answer;
    Promise.resolve()
      .then(() => run(params, request, serverContext))
      .catch((error: unknown) => refusal(pipeline, error))
      .then((result) => process(request, result, serverContext))
      .then(
        (captured) => write(res, captured),
        (error) => {
          // Yoga settles every failure into a result; a rejection here is a bug: answer as yoga would.
          yoga.logger.error(error);
          write(res, INTERNAL_ERROR);
        },
      );
  }

  function operation(params: QueryParams, request: Request, serverContext: object) {
    return pipeline.getResultForParams({ params, request }, serverContext);
  }

  /** Yoga's result processing (its `processResult`), with a Response class that keeps what it is given. */
  async function answer(request: Request, result: unknown, serverContext: object): Promise<Captured> {
    let processor: ResultProcessor | undefined;
    let mediaType = '*/*';
    const acceptableMediaTypes: string[] = [];
    for (const hook of pipeline.onResultProcessHooks as ((payload: ResultProcessPayload) => unknown)[]) {
      await hook({
        request,
        result,
        acceptableMediaTypes,
        setResult: (next) => {
          result = next;
        },
        resultProcessor: processor,
        setResultProcessor: (next, type) => {
          processor = next;
          mediaType = type;
        },
        serverContext,
      });
    }
    // A subscription asked for as JSON is refused (406): end what it started, nobody will read it.
    if (isAsyncIterable(result)) void result[Symbol.asyncIterator]().return?.();
    if (processor === undefined) {
      const accept = acceptableMediaTypes.join('; charset=utf-8, ');
      return new Captured(null, { status: 406, headers: { accept } });
    }
    try {
      return (await processor(result as ExecutionResult, CAPTURE, mediaType)) as Captured;
    } catch (error) {
      // A value JSON cannot hold would be a bug: answer as yoga's error handling does, never crash.
      yoga.logger.error(error);
      return INTERNAL_ERROR;
    }
  }

  /**
   * Hands a request whose body was read to yoga: its Node adapter takes a consumed body from
   * `req.body`. The bytes as they came, so yoga decodes them itself, as it would have.
   */
  function toYoga(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    handled.yoga++;
    (req as IncomingMessage & { body?: Buffer }).body = body;
    yoga(req, res);
  }
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof (value as AsyncIterable<unknown> | null)?.[Symbol.asyncIterator] === 'function';
}

function write(res: ServerResponse, { body, init }: Captured): void {
  if (res.destroyed || res.writableEnded) return;
  const headers = { ...init.headers };
  if (body !== null) headers['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(init.status, headers);
  res.end(body ?? undefined);
}

/** The one Response a result processor builds, kept as it was given. */
class Captured {
  constructor(
    readonly body: string | null,
    readonly init: { status: number; headers: Record<string, string> },
  ) {}
}
const CAPTURE = { Response: Captured };

/** Yoga's answer to an error it did not expect, to the byte. */
const INTERNAL_ERROR = new Captured(
  JSON.stringify({ errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] }),
  { status: 500, headers: { 'Content-Type': 'application/json; charset=utf-8' } },
);

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.once('error', reject);
    req.once('close', () => {
      if (!req.complete) reject(new Error('request closed before its body ended'));
    });
  });
}
