import { type DocumentNode, getOperationAST } from 'graphql';
import { finalAsyncIterator, isAsyncIterable, isPromise, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import type { DrsUsage } from '../drs/credentials.js';
import type { ErrorCode } from '../error-codes.js';
import { codeOfError } from './error-code.js';
import type { Logger } from './logger.js';

/** What this plugin reads of an operation's context (the gateway's Context once it is built). */
interface OperationContext {
  requestId?: string;
  usage?: DrsUsage;
  params?: { operationName?: string | null };
  request?: { headers: Pick<Headers, 'get'> };
}

interface Operation {
  started: number;
  transport: 'http' | 'ws';
  document?: DocumentNode;
  codes: Set<string>;
  logged: boolean;
}

type Result = { errors?: readonly unknown[] } | undefined;

/**
 * One info line per GraphQL operation, on every transport, however it ends: answered, refused
 * (parse, validation, context, a params hook) or, for a subscription, when its stream ends. It
 * names the operation, its request id, duration, DRS work and error codes, never its text,
 * variables, result or headers. HTTP operations (fast path and yoga) run in yoga's
 * `getResultForParams`, whose `operation` instrumentation and `onExecutionResult` see every one;
 * graphql-ws operations run on `getEnveloped` alone, so envelop's hooks see theirs.
 */
export function useOperationLog(logger: Logger): Plugin {
  const operations = new WeakMap<object, Operation>();
  const begin = (context: object, transport: Operation['transport']): Operation => {
    let operation = operations.get(context);
    if (operation === undefined) {
      operation = { started: performance.now(), transport, codes: new Set(), logged: false };
      operations.set(context, operation);
    }
    return operation;
  };
  const collect = (operation: Operation, errors: readonly unknown[] | undefined, fallback?: ErrorCode) => {
    for (const error of errors ?? []) operation.codes.add(codeOfError(error, fallback));
  };
  const finish = (
    context: OperationContext,
    operation: Operation,
    errors?: readonly unknown[],
    fallback?: ErrorCode,
  ) => {
    if (operation.logged) return;
    operation.logged = true;
    collect(operation, errors, fallback);
    if (!logger.isLevelEnabled('info')) return;
    const { params, usage } = context;
    const ast = operation.document && getOperationAST(operation.document, params?.operationName);
    logger.info(
      {
        requestId: context.requestId ?? context.request?.headers.get('x-request-id') ?? null,
        operationName: ast?.name?.value ?? params?.operationName ?? null,
        operationType: ast?.operation ?? null,
        transport: operation.transport,
        durationMs: Math.round((performance.now() - operation.started) * 10) / 10,
        drsCalls: usage?.attempts ?? 0,
        drsFailures: usage?.failures ?? 0,
        errorCodes: [...operation.codes],
      },
      'graphql operation',
    );
  };
  /** The graphql-ws operation of `context`, if it is one (HTTP operations end in onExecutionResult). */
  const ws = (context: object) => {
    const operation = operations.get(context);
    return operation?.transport === 'ws' ? operation : undefined;
  };
  /** A graphql-ws result: its line now, or for a stream when it ends (envelop's onNext/onEnd). */
  const ended = (context: object, operation: Operation, result: Result | AsyncIterable<Result>) => {
    if (!isAsyncIterable(result)) return finish(context, operation, result?.errors);
    return {
      onNext: ({ result: event }: { result: Result }) => collect(operation, event?.errors),
      onEnd: () => finish(context, operation),
    };
  };
  /** A stream's line is written when it ends, with the codes of every event it sent. */
  const untilEnd = <T extends Result>(stream: AsyncIterable<T>, context: object, operation: Operation) =>
    finalAsyncIterator(
      mapAsyncIterator(stream, (event: T) => {
        collect(operation, event?.errors);
        return event;
      }),
      () => finish(context, operation),
    );

  return {
    instrumentation: {
      // Around yoga's getResultForParams (both HTTP listeners): it rejects only when a params hook
      // refuses the request (persisted operations), before any other hook of this plugin runs.
      operation({ context }, wrapped) {
        const operation = begin(context, 'http');
        const refused = (error: unknown) => {
          finish(context, operation, [error]);
          throw error;
        };
        try {
          const running = wrapped();
          return isPromise(running) ? running.then(undefined, refused) : running;
        } catch (error) {
          return refused(error);
        }
      },
    },
    onPluginInit({ registerContextErrorHandler }) {
      registerContextErrorHandler(({ context, error }) => {
        const operation = ws(context);
        if (operation) finish(context, operation, [error]);
      });
    },
    onEnveloped({ context }) {
      if (context) begin(context, 'ws');
    },
    onParse:
      () =>
      ({ context, result }) => {
        const operation = operations.get(context);
        if (operation === undefined) return;
        if (result instanceof Error) {
          if (operation.transport === 'ws') finish(context, operation, [result], 'GRAPHQL_PARSE_FAILED');
        } else if (result) operation.document = result;
      },
    onValidate:
      () =>
      ({ context, valid, result }) => {
        const operation = ws(context);
        if (operation && !valid) finish(context, operation, result, 'GRAPHQL_VALIDATION_FAILED');
      },
    onExecute({ context }) {
      const operation = ws(context);
      if (operation === undefined) return;
      return { onExecuteDone: ({ result }) => ended(context, operation, result) };
    },
    onSubscribe({ context }) {
      const operation = ws(context);
      if (operation === undefined) return;
      return {
        onSubscribeResult: ({ result }) => ended(context, operation, result),
        onSubscribeError: ({ error }) => collect(operation, [error]),
      };
    },
    onExecutionResult({ context, result, setResult }) {
      const operation = begin(context, 'http');
      if (isAsyncIterable(result)) setResult(untilEnd(result, context, operation));
      else finish(context, operation, result?.errors);
    },
  };
}
