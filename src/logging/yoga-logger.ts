import { GraphQLError } from 'graphql';
import type { YogaLogger } from 'graphql-yoga';
import { DrsError } from '../drs/errors.js';
import { codeOf } from '../errors.js';
import type { Logger } from './logger.js';

/**
 * Yoga's `logging`, backed by the process logger. Yoga logs every error it masks, so a failed batch
 * call reached it once per job: those DrsErrors drop to debug (the DRS observer logged the call once,
 * drs-log.ts), as do refusals of the caller's input. Anything else it masks is a bug, logged at error
 * with its stack.
 */
export function yogaLogger(logger: Logger): YogaLogger {
  const plain =
    (level: 'debug' | 'info' | 'warn') =>
    (...args: unknown[]) => {
      if (logger.isLevelEnabled(level)) logger[level](args.map(String).join(' '));
    };
  return {
    debug: plain('debug'),
    info: plain('info'),
    warn: plain('warn'),
    error(...args: unknown[]) {
      const drs = args.length === 1 ? drsErrorOf(args[0]) : undefined;
      if (drs !== undefined) {
        if (!logger.isLevelEnabled('debug')) return;
        const path = args[0] instanceof GraphQLError ? args[0].path : undefined;
        const { status, code: drsCode, requestId: drsRequestId, jobId } = drs;
        logger.debug({ code: codeOf(drs), status, drsCode, drsRequestId, jobId, path }, 'DRS error in a field');
        return;
      }
      const error = args.find((arg) => arg instanceof Error);
      const words = args.filter((arg) => !(arg instanceof Error)).map(String);
      if (error === undefined) return logger.error(words.join(' '));
      // graphql-js's own error with no cause (variables that do not coerce), coded BAD_USER_INPUT by
      // errors.ts: the caller's mistake, which the operation line reports.
      if (isCallersInput(error)) {
        if (logger.isLevelEnabled('debug')) logger.debug({ reason: error.message }, 'request refused');
        return;
      }
      const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
      const path = error instanceof GraphQLError ? error.path : undefined;
      logger.error({ err: original, path }, words.length > 0 ? words.join(' ') : 'unexpected error');
    },
  };
}

function drsErrorOf(value: unknown): DrsError | undefined {
  const original = value instanceof GraphQLError ? value.originalError : value;
  return original instanceof DrsError ? original : undefined;
}

/** An error graphql-js raised about the request itself: GraphQLErrors all the way down, no field path. */
function isCallersInput(error: Error): boolean {
  if (!(error instanceof GraphQLError) || error.path !== undefined) return false;
  let cause: unknown = error;
  while (cause instanceof GraphQLError) {
    if (cause.originalError === undefined) return true;
    cause = cause.originalError;
  }
  return false;
}
