import { GraphQLError } from 'graphql';
import type { LogLevel } from './config.js';
import { DrsError } from './drs/errors.js';
import { codeOf } from './errors.js';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 };

/** Codes that describe the caller's request, not a fault of ours or of DRS. */
const CALLER_CODES = new Set(['NOT_FOUND', 'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN']);

export interface Logger {
  debug(...args: unknown[]): void;
  info(...args: unknown[]): void;
  warn(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/**
 * The yoga logger. Upstream failures arrive here as errors (yoga logs every error it maps); they
 * become one line each — caller mistakes at debug, DRS faults at warn — and never carry request bodies.
 */
export function createLogger(level: LogLevel): Logger {
  const at = (wanted: LogLevel, print: (...args: unknown[]) => void) =>
    RANK[wanted] >= RANK[level] ? print : () => {};
  const debug = at('debug', console.debug);
  const info = at('info', console.info);
  const warn = at('warn', console.warn);
  const error = at('error', console.error);
  return {
    debug,
    info,
    warn,
    error(...args) {
      const drs = args.length === 1 ? drsErrorOf(args[0]) : undefined;
      if (drs === undefined) return error(...args);
      const code = codeOf(drs);
      (CALLER_CODES.has(code) ? debug : warn)(describe(drs, code));
    },
  };
}

function drsErrorOf(value: unknown): DrsError | undefined {
  const original = value instanceof GraphQLError ? value.originalError : value;
  return original instanceof DrsError ? original : undefined;
}

function describe(error: DrsError, code: string): string {
  const parts = [`[drs] ${code}`, `status=${error.status}`];
  if (error.code) parts.push(`drsCode=${error.code}`);
  if (error.requestId) parts.push(`requestId=${error.requestId}`);
  if (error.jobId) parts.push(`job=${error.jobId}`);
  return `${parts.join(' ')}: ${error.message}`;
}
