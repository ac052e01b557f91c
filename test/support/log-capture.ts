import type { LogLevel } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logging/index.js';

/** One parsed JSON log line. */
export type LogRecord = Record<string, any> & { level: string; time: string; msg: string };

export interface LogCapture {
  logger: Logger;
  /** Every line written so far, exactly as written. */
  text(): string;
  /** The lines written since the last `mark()` (all of them before the first), parsed. */
  since(): LogRecord[];
  mark(): void;
}

/** A process logger (JSON, as production writes it) whose lines land in memory. */
export function captureLogs(logLevel: LogLevel = 'debug'): LogCapture {
  const lines: string[] = [];
  let from = 0;
  const logger = createLogger({ logLevel, logFormat: 'json' }, { write: (line: string) => void lines.push(line) });
  return {
    logger,
    text: () => lines.join(''),
    since: () => lines.slice(from).map((line) => JSON.parse(line) as LogRecord),
    mark: () => {
      from = lines.length;
    },
  };
}

/** The operation lines among `records`. */
export const operationLines = (records: LogRecord[]) => records.filter((r) => r.msg === 'graphql operation');
