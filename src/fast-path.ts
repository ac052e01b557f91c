import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { ExecutionResult, GraphQLError, GraphQLSchema } from 'graphql';
import { processRegularResult, type YogaServerInstance } from 'graphql-yoga';
import { type ContextDeps, createContext } from './context.js';
import { maskError } from './errors.js';
import { executePrepared, prepareOperation } from './execution/execute.js';
import {
  type FastPathRules,
  fastPathMediaType,
  headerReader,
  type QueryParams,
  queryParams,
  ValidDocuments,
} from './fast-path-request.js';

export interface FastPathOptions extends FastPathRules {
  schema: GraphQLSchema;
  context: ContextDeps;
}

/** The gateway's Node listener, with how many requests it answered itself and how many yoga did. */
export type FastPathListener = RequestListener & { readonly served: { fast: number; yoga: number } };

/** The message yoga gives errors it masks (its `maskedErrors.errorMessage` default). */
const MASKED_MESSAGE = 'Unexpected error.';

/**
 * The gateway's HTTP entry: plain JSON query POSTs are served here, everything else by yoga.
 *
 * Yoga adapts every Node request to the Fetch API and runs it through its plugin chain, which
 * costs a sixth to a fifth of the dashboard query's CPU (README, Performance). For the request
 * shape dashboards send (a POST of `{query, variables, operationName}` to the endpoint, asking for
 * JSON), this reads the body, takes
 * the validated document from its own cache, builds the same context and runs the same planned
 * executor, then masks errors and writes the answer with yoga's own result processing, so status,
 * headers and bytes are yoga's. Whatever it cannot answer exactly as yoga would — another method
 * or path, a chunked or oversized body, an Origin under CORS, another Accept, bad JSON, extra
 * parameters, a document that fails to parse or validate, a mutation or subscription, a context
 * that refuses the request, variables that fail to coerce — goes to yoga before any resolver runs.
 */
export function fastPathListener(yoga: YogaServerInstance<object, object>, options: FastPathOptions): FastPathListener {
  const documents = new ValidDocuments(options.schema);
  const served = { fast: 0, yoga: 0 };
  const listener: RequestListener = (req, res) => {
    const mediaType = fastPathMediaType(req, options);
    if (mediaType === undefined) {
      served.yoga++;
      yoga(req, res);
      return;
    }
    readBody(req).then(
      (body) => {
        const params = queryParams(body.toString());
        if (params === undefined || !serve(req, res, params, mediaType)) toYoga(req, res, body);
      },
      () => req.destroy(),
    );
  };
  return Object.assign(listener, { served });

  /** Starts answering and returns true, or returns false having done nothing that yoga would not. */
  function serve(req: IncomingMessage, res: ServerResponse, params: QueryParams, mediaType: string): boolean {
    const document = documents.get(params.query);
    if (document === undefined) return false;
    const args = {
      schema: options.schema,
      document,
      variableValues: params.variables,
      operationName: params.operationName,
      contextValue: undefined as unknown,
    };
    const operation = prepareOperation(args);
    if (operation === undefined) return false;
    const controller = new AbortController();
    try {
      args.contextValue = createContext(
        { headers: headerReader(req.headers), signal: controller.signal },
        options.context,
      );
    } catch {
      return false;
    }
    // As yoga's adapter does: the operation's upstream calls stop when the client goes away.
    res.once('close', () => {
      if (!res.writableFinished) controller.abort();
    });
    const result = executePrepared(operation, args);
    // No data: the variables failed to coerce, so no resolver ran; yoga words that answer itself.
    if (!(result instanceof Promise) && !('data' in result)) return false;
    served.fast++;
    if (result instanceof Promise) {
      // executePrepared settles every field error into the result; a rejection would be a bug here.
      result.then(
        (settled) => write(res, settled, mediaType),
        () => res.destroy(),
      );
    } else {
      write(res, result, mediaType);
    }
    return true;
  }

  function write(res: ServerResponse, result: ExecutionResult, mediaType: string): void {
    if (res.destroyed || res.writableEnded) return;
    let answer: Captured;
    try {
      const shown = result.errors?.length ? { ...result, errors: result.errors.map(masked) } : result;
      answer = processRegularResult(shown as never, CAPTURE, mediaType) as unknown as Captured;
    } catch (error) {
      // A value JSON cannot hold would be a bug: answer as yoga's error handling does, never crash.
      yoga.logger.error(error);
      const unexpected = { message: MASKED_MESSAGE, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
      answer = new Captured(JSON.stringify({ errors: [unexpected] }), {
        status: 500,
        headers: { 'Content-Type': `${mediaType}; charset=utf-8` },
      });
    }
    const { body, init } = answer;
    res.writeHead(init.status, { ...init.headers, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  }

  /**
   * Hands a request whose body was read to yoga: its Node adapter takes a consumed body from
   * `req.body`. The bytes as they came, so yoga decodes them itself, as it would have.
   */
  function toYoga(req: IncomingMessage, res: ServerResponse, body: Buffer): void {
    served.yoga++;
    (req as IncomingMessage & { body?: Buffer }).body = body;
    yoga(req, res);
  }

  /** yoga's masking: the gateway's maskError, and the unmasked error logged when it was masked. */
  function masked(error: GraphQLError): GraphQLError {
    const result = maskError(error, MASKED_MESSAGE) as GraphQLError;
    if (result !== error) yoga.logger.error(error);
    return result;
  }
}

/** The one Response a result processor builds, kept as it was given. */
class Captured {
  constructor(
    readonly body: string,
    readonly init: { status: number; headers: Record<string, string> },
  ) {}
}
const CAPTURE = { Response: Captured } as unknown as Parameters<typeof processRegularResult>[1];

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
