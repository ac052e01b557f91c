import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DrsError, LocalCode } from '../../src/drs/errors.js';
import { CALLER_CODES, CODE_TABLE, ERROR_CODES, type ErrorCode, RETRYABLE } from '../../src/error-codes.js';
import { codeOf, requestError } from '../../src/errors.js';
import { drsLogObserver } from '../../src/logging/index.js';
import { captureLogs } from '../support/log-capture.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Every `.ts`/`.js` file under `dir`, recursively. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|js)$/.test(entry.name) ? [path] : [];
  });
}

/** The `extensions.code` literals written in `files`: `code: 'X'`, and yoga's `code ||= 'X'`. */
function codeLiterals(files: string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const file of files) {
    for (const match of readFileSync(file, 'utf8').matchAll(
      /\bcode(?:: | \?\?= | \|\|= |'\] \|\|= )'([A-Za-z_.]+)'/g,
    )) {
      found.set(match[1]!, file.slice(root.length));
    }
  }
  return found;
}

const known = (code: string) => Object.hasOwn(ERROR_CODES, code);

describe('the error table (src/error-codes.ts) owns every code', () => {
  it('has every `code:` literal written under src/', () => {
    const used = codeLiterals(sources(join(root, 'src')));
    // The scan must see the codes it is here to check (a broken pattern would pass on nothing).
    expect([...used.keys()]).toEqual(
      expect.arrayContaining(['FORBIDDEN', 'QUERY_TOO_COMPLEX', 'UNSUPPORTED_MEDIA_TYPE']),
    );
    const missing = [...used].filter(([code]) => !known(code));
    expect(missing, 'add these codes (and where they come from) to src/error-codes.ts').toEqual([]);
  });

  it('has every code yoga and its persisted-operations plugin answer with', () => {
    const yoga = [
      join(root, 'node_modules/graphql-yoga/cjs'),
      join(root, 'node_modules/@graphql-yoga/plugin-persisted-operations/cjs'),
    ].flatMap(sources);
    const used = codeLiterals(yoga);
    expect([...used.keys()]).toEqual(expect.arrayContaining(['BAD_REQUEST', 'GRAPHQL_VALIDATION_FAILED']));
    expect([...used].filter(([code]) => !known(code))).toEqual([]);
  });

  it('maps every DRS code to a code of the table', () => {
    for (const [drsCode, code] of CODE_TABLE) expect([drsCode, known(code)]).toEqual([drsCode, true]);
  });

  it('derives the retryable and caller sets from the table, and requestError answers with it', () => {
    for (const code of Object.keys(ERROR_CODES) as ErrorCode[]) {
      expect([code, RETRYABLE.has(code), CALLER_CODES.has(code)]).toEqual([
        code,
        ERROR_CODES[code].retryable,
        ERROR_CODES[code].caller,
      ]);
      expect(requestError('refused', code, 400).extensions.retryable).toBe(ERROR_CODES[code].retryable);
    }
    expect([...RETRYABLE].sort()).toEqual(['RATE_LIMITED', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE']);
  });
});

describe('the DRS log reads which codes are the caller’s from the table', () => {
  it('logs a failed DRS call at debug when its code is the caller’s, at warn otherwise', () => {
    const logs = captureLogs('debug');
    const observer = drsLogObserver(logs.logger);
    // Two local codes are quiet whatever their code (the client left; the breaker refused the call).
    const quiet = new Set<string>([LocalCode.aborted, LocalCode.circuitOpen]);
    const cases = [...CODE_TABLE.keys()].filter((drsCode) => !quiet.has(drsCode));
    for (const drsCode of cases) {
      const error = new DrsError({ message: 'failed', status: 400, code: drsCode });
      observer.call?.(
        { api: 'batch-detail', durationMs: 1, size: 1, error },
        { projectId: 'p', auth: undefined, language: 'en-us' },
      );
    }
    const levels = logs.since().map((line) => [line.drsCode, line.level]);
    expect(levels).toEqual(
      cases.map((drsCode) => {
        const code = codeOf(new DrsError({ message: 'failed', status: 400, code: drsCode }));
        return [drsCode, ERROR_CODES[code].caller ? 'debug' : 'warn'];
      }),
    );
    // Both levels occur, so the test tells them apart.
    expect(new Set(levels.map(([, level]) => level))).toEqual(new Set(['debug', 'warn']));
  });
});
