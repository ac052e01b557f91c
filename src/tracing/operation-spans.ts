import { context, type Span, SpanKind, SpanStatusCode, type Tracer, trace } from '@opentelemetry/api';
import { ATTR_ERROR_TYPE } from '@opentelemetry/semantic-conventions';
import { type DocumentNode, type GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestOf, type WsContext } from '../context.js';
import { maskError } from '../errors.js';
import {
  GATEWAY_ERROR_CODES,
  GATEWAY_REQUEST_ID,
  GRAPHQL_OPERATION_NAME,
  GRAPHQL_OPERATION_TYPE,
} from './attributes.js';
import { callerContext } from './propagation.js';

type OperationContext = { request?: Request; requestId?: string } & WsContext;

/**
 * One SERVER span per GraphQL operation, on every transport. envelop's `execute`/`subscribe`
 * instrumentation wraps that phase (every plugin's onExecute/onSubscribe hooks included) for the fast
 * path, yoga's own HTTP handling and graphql-ws alike, so the span is started there and made the
 * active context: resolvers, DataLoader batch functions (scheduled from the first `load()`) and the
 * DRS client's attempt spans all run inside it. The hooks then name it once the document is known
 * and mark it failed when the result has errors. A subscription's span covers subscribing (source
 * stream ready or refused), not its whole life: a span is only exported once it ends. Operations
 * that fail to parse or validate never execute and have no span (they make no DRS call either).
 * The document and variables are never recorded: literals and variables hold job ids.
 */
export function useOperationSpans(tracer: Tracer): Plugin {
  const spans = new WeakMap<object, Span>();
  const around = ({ context: ctx }: { context: OperationContext }, wrapped: () => Promise<void> | void) => {
    // HTTP requests carry their headers; a graphql-ws operation may name a parent in its connection params.
    const parent = callerContext(requestOf(ctx).headers);
    const span = tracer.startSpan(
      'GraphQL Operation',
      {
        kind: SpanKind.SERVER,
        attributes: ctx.requestId === undefined ? {} : { [GATEWAY_REQUEST_ID]: ctx.requestId },
      },
      parent,
    );
    spans.set(ctx, span);
    return context.with(trace.setSpan(parent, span), () => endAfter(span, wrapped));
  };
  const named = (contextValue: unknown, document: DocumentNode, operationName?: string | null) => {
    const span = spans.get(contextValue as object);
    if (span !== undefined) nameSpan(span, document, operationName);
    return span;
  };
  return {
    instrumentation: { execute: around, subscribe: around },
    onExecute({ args }) {
      const span = named(args.contextValue, args.document, args.operationName);
      if (span === undefined) return;
      return { onExecuteDone: ({ result }) => recordErrors(span, result) };
    },
    onSubscribe({ args }) {
      const span = named(args.contextValue, args.document, args.operationName);
      if (span === undefined) return;
      return { onSubscribeResult: ({ result }) => recordErrors(span, result) };
    },
  };
}

/** Runs the phase and ends the span when it settles, recording only the kind of a thrown error. */
function endAfter(span: Span, wrapped: () => Promise<void> | void): Promise<void> | void {
  const failed = (error: unknown): never => {
    span.setStatus({ code: SpanStatusCode.ERROR });
    span.setAttribute(ATTR_ERROR_TYPE, error instanceof Error ? error.name : '_OTHER');
    span.end();
    throw error;
  };
  let done: Promise<void> | void;
  try {
    done = wrapped();
  } catch (error) {
    return failed(error);
  }
  if (done === undefined) return span.end();
  return done.then(() => span.end(), failed);
}

/** `query Dashboard` (or `query` when anonymous), as the GraphQL semantic conventions name spans. */
function nameSpan(span: Span, document: DocumentNode, operationName?: string | null): void {
  const operation = getOperationAST(document, operationName);
  if (operation == null) return;
  const name = operation.name?.value;
  span.setAttribute(GRAPHQL_OPERATION_TYPE, operation.operation);
  if (name !== undefined) span.setAttribute(GRAPHQL_OPERATION_NAME, name);
  span.updateName(name === undefined ? operation.operation : `${operation.operation} ${name}`);
}

/** Errors mark the span failed with the codes clients see (masked as yoga will mask them), no messages. */
function recordErrors(span: Span, result: unknown): void {
  const errors = (result as { errors?: readonly GraphQLError[] } | null)?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return;
  const codes = new Set<string>();
  for (const error of errors) {
    const code = (maskError(error, '', false) as Partial<GraphQLError>).extensions?.code;
    codes.add(typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR');
  }
  span.setAttribute(GATEWAY_ERROR_CODES, [...codes]);
  span.setStatus({ code: SpanStatusCode.ERROR });
}
