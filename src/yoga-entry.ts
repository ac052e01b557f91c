import { GraphQLError } from 'graphql';
import { createGraphQLError, type Instrumentation } from 'graphql-yoga';

/**
 * The parts of yoga's server the gateway's own transports (the HTTP fast path, graphql-ws) drive, so
 * that every operation runs through the same plugins as yoga's own HTTP handling.
 */
export interface YogaEntry {
  /** Params hooks, the whole envelop chain, then execution-result hooks: one operation. */
  getResultForParams(payload: { params: object; request: Request }, context: object): Promise<unknown> | unknown;
  onResultProcessHooks: ((payload: never) => unknown)[];
  /** Yoga's error masking: the gateway's maskError and the message it gives what it masks. */
  maskedErrorsOpts: {
    maskError(error: unknown, message: string, isDev?: boolean): Error;
    errorMessage: string;
    isDev?: boolean;
  } | null;
  /** Plugins' instrumentation, chained; yoga wraps `operation` and `resultProcess` in it. */
  instrumentation?: Pick<Instrumentation<Record<string, unknown>>, 'operation' | 'resultProcess'>;
  logger: { error(...args: unknown[]): void };
}

export function yogaEntry(yoga: object): YogaEntry {
  return yoga as unknown as YogaEntry;
}

/**
 * What yoga answers when a plugin throws instead of returning a result (persisted operations
 * refusing an arbitrary query, a context that refuses the request): the error masked, and logged
 * when masking changed it; nothing for a request its client aborted.
 */
export function refusal(entry: YogaEntry, error: unknown): { errors: GraphQLError[] } {
  const masking = entry.maskedErrorsOpts;
  if (isAbortError(error)) return { errors: [] };
  if (!masking) return { errors: [error instanceof GraphQLError ? error : createGraphQLError(String(error))] };
  const masked = masking.maskError(error, masking.errorMessage, masking.isDev);
  if (masked !== error) entry.logger.error(error);
  return {
    errors: [masked instanceof GraphQLError ? masked : createGraphQLError(masked.message, { originalError: masked })],
  };
}

function isAbortError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;
  return error instanceof DOMException && (name === 'AbortError' || name === 'TimeoutError');
}
