import { createRequire } from 'node:module';
import { type DestinationStream, type Logger, pino } from 'pino';
import type PinoPretty from 'pino-pretty';
import type { Config } from '../config.js';
import { censor } from './redact.js';

export type { Logger } from 'pino';

/**
 * The process's one logger: JSON lines on stdout (level as its label, ISO time, `msg`), or pino-pretty
 * text when LOG_FORMAT=pretty or (auto) stdout is a terminal. Secret keys are censored (redact.ts).
 * Tests pass `destination` to read the lines back.
 */
export function createLogger(
  { logLevel, logFormat }: Pick<Config, 'logLevel' | 'logFormat'>,
  destination?: DestinationStream,
): Logger {
  const options = {
    level: logLevel,
    base: null,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }), log: censor, bindings: censor },
  };
  if (destination) return pino(options, destination);
  const pretty = logFormat === 'pretty' || (logFormat === 'auto' && process.stdout.isTTY === true);
  return pino(options, pretty ? prettyStream() : pino.destination({ dest: 1, sync: true }));
}

/**
 * pino-pretty as a synchronous stream in this thread (no transport worker, so it works the same from
 * `npm start`'s compiled dist); loaded only when wanted, so JSON deployments never hold it.
 */
function prettyStream(): DestinationStream {
  const pretty = createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;
  return pretty({ sync: true, destination: 1, translateTime: 'SYS:HH:MM:ss.l', singleLine: true });
}
