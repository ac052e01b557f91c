import { type ErrorCode, RETRYABLE } from '../src/error-codes.js';
import type { Json } from './soak-oracle.js';
import type { SoakRequest } from './soak-queries.js';

/** What one answer was: `ok` (exactly the world), `partial` (data with coded upstream errors), `failed` (no data). */
export interface Verdict {
  outcome: 'ok' | 'partial' | 'failed';
  /** `extensions.code` of every error, in order; those a foreign or released id must get are marked expected. */
  codes: string[];
  /** Everything that makes the answer wrong: a row that is not the world's, a mixed row, an uncoded error… */
  problems: string[];
  /** Job, progress and async-job rows compared and found equal to the world. */
  rows: number;
}

type Path = readonly (string | number)[];
interface GqlError {
  message?: unknown;
  path?: Path;
  extensions?: { code?: unknown; retryable?: unknown; jobId?: unknown; drsCode?: unknown };
}

/** Codes a faulty upstream may put on a job DRS has: a 5xx, a 429, a hang. */
const TRANSIENT = new Set<string>(['RATE_LIMITED', 'UPSTREAM_TIMEOUT', 'UPSTREAM_UNAVAILABLE', 'UPSTREAM_ERROR']);

const show = (path: Path) => path.join('.') || '(root)';
const startsWith = (path: Path, prefix: Path) => prefix.every((part, i) => path[i] === part);

/** The value at `path`: null as soon as a step is null (where null propagation stops), undefined off the tree. */
function at(value: unknown, path: Path): unknown {
  let here = value;
  for (const part of path) {
    if (here === null) return null;
    if (typeof here !== 'object') return undefined;
    here = (here as Record<string | number, unknown>)[part];
  }
  return here;
}

/** Checks one HTTP answer against the world: every row, every null, every error. */
export function checkAnswer(request: SoakRequest, status: number, text: string): Verdict {
  const verdict: Verdict = { outcome: 'ok', codes: [], problems: [], rows: 0 };
  let answer: { data?: Record<string, unknown> | null; errors?: GqlError[] };
  try {
    answer = JSON.parse(text);
  } catch {
    verdict.outcome = 'failed';
    verdict.problems.push(`HTTP ${status}, not JSON: ${text.slice(0, 120)}`);
    return verdict;
  }
  const errors = answer.errors ?? [];
  const paths: Path[] = [];
  let unexpected = 0;
  for (const error of errors) {
    const { code, retryable, jobId, drsCode } = error.extensions ?? {};
    if (typeof code !== 'string' || typeof retryable !== 'boolean') {
      verdict.problems.push(`uncoded error: ${String(error.message).slice(0, 120)}`);
      continue;
    }
    if (retryable !== RETRYABLE.has(code as ErrorCode)) verdict.problems.push(`${code} with retryable ${retryable}`);
    if (!error.path) {
      verdict.codes.push(code);
      unexpected++;
      continue;
    }
    paths.push(error.path);
    // Where the world has no job, DRS's NOT_FOUND is the answer; elsewhere only a faulty upstream may fail a field.
    const missing = request.missing.some((m) => startsWith(error.path!, m));
    if (!(TRANSIENT.has(code) || (missing && code === 'NOT_FOUND'))) {
      verdict.problems.push(`${code} at ${show(error.path)}, where DRS has ${missing ? 'no job' : 'the data'}`);
    }
    // batch-async-jobs documents one generic 400 (DRS.10000001) for an unknown batch: UPSTREAM_ERROR is all it can say.
    const absent = missing && (code === 'NOT_FOUND' || drsCode === 'DRS.10000001');
    verdict.codes.push(absent ? `${code}, asked-for job absent (expected)` : code);
    if (!absent) unexpected++;
    const owner = request.jobIdAt(error.path);
    if (jobId !== undefined && owner !== undefined && jobId !== owner) {
      verdict.problems.push(`error at ${show(error.path)} names job ${String(jobId)}, the path is job ${owner}`);
    }
    const value = at(answer.data, error.path);
    if (value !== null && value !== undefined) {
      verdict.problems.push(`${code} at ${show(error.path)}, which has a value`);
    }
  }
  if (status !== 200 || answer.data === null || answer.data === undefined) {
    verdict.outcome = 'failed';
    if (errors.length === 0) verdict.problems.push(`HTTP ${status} with neither data nor errors`);
    return verdict;
  }
  compare(answer.data as Json, request.expected, [], paths, verdict);
  // A job the world does not have is null, and says why.
  for (const m of request.missing)
    if (!paths.some((p) => startsWith(p, m))) verdict.problems.push(`${show(m)} is null without an error`);
  if (unexpected > 0) verdict.outcome = 'partial';
  return verdict;
}

function compare(actual: Json | undefined, expected: Json, path: Path, errors: Path[], verdict: Verdict): void {
  const explained = () => errors.some((e) => startsWith(e, path));
  if (actual === undefined) {
    verdict.problems.push(`${show(path)} is missing from the answer`);
    return;
  }
  if (expected === null) {
    if (actual !== null)
      verdict.problems.push(`${show(path)}: ${JSON.stringify(actual).slice(0, 80)} where the world has null`);
    return;
  }
  if (actual === null) {
    if (!explained()) verdict.problems.push(`${show(path)} is null without an error`);
    return;
  }
  if (typeof expected !== 'object') {
    if (actual !== expected)
      verdict.problems.push(`${show(path)}: ${JSON.stringify(actual)}, the world has ${JSON.stringify(expected)}`);
    return;
  }
  if (Array.isArray(expected) !== Array.isArray(actual) || typeof actual !== 'object') {
    verdict.problems.push(`${show(path)}: not shaped as expected`);
    return;
  }
  if (Array.isArray(expected)) {
    const list = actual as Json[];
    if (list.length !== expected.length)
      verdict.problems.push(`${show(path)}: ${list.length} items, the world has ${expected.length}`);
    expected.forEach((item, i) => {
      compare(list[i], item, [...path, i], errors, verdict);
    });
    return;
  }
  const before = verdict.problems.length;
  const object = actual as Record<string, Json>;
  for (const [key, value] of Object.entries(expected)) compare(object[key], value, [...path, key], errors, verdict);
  if (('id' in expected || 'jobId' in expected) && verdict.problems.length === before) verdict.rows++;
}
