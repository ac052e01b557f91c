import { Agent, request } from 'undici';

/**
 * A small load generator (autocannon is not a dependency): `connections` loops, each sending the
 * same POST one at a time over its own keep-alive connection until the deadline or the query budget.
 */
export interface LoadOptions {
  url: string;
  /** Serialised once by the caller: the client does no per-request work but send and read. */
  body: string;
  connections: number;
  durationMs: number;
  /** Upper bound on queries started, so slow points stay bounded too. */
  maxQueries: number;
  /** Extra request headers (another tenant's X-Auth-Token and X-Project-Id, say). */
  headers?: Record<string, string>;
}

export interface LoadResult {
  /** Answers that were HTTP 200 without a GraphQL `errors` entry. */
  ok: number;
  failed: number;
  /** From the first send to the last answer (in-flight queries finish after the deadline). */
  elapsedMs: number;
  latenciesMs: number[];
  firstFailure: string | undefined;
}

/** One dashboard query; returns the body so callers can check or parse it. */
export async function post(
  url: string,
  body: string,
  dispatcher: Agent,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  const res = await request(url, {
    method: 'POST',
    dispatcher,
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  return { status: res.statusCode, text: await res.body.text() };
}

/** True for a clean answer. A substring test, not a parse: the client must stay cheap under load. */
export function isClean(status: number, text: string): boolean {
  return status === 200 && !text.includes('"errors"');
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({ connections: options.connections, keepAliveTimeout: 30_000 });
  const result: LoadResult = { ok: 0, failed: 0, elapsedMs: 0, latenciesMs: [], firstFailure: undefined };
  let started = 0;
  const start = performance.now();
  const deadline = start + options.durationMs;
  const loop = async () => {
    while (performance.now() < deadline && started < options.maxQueries) {
      started++;
      const t = performance.now();
      try {
        const { status, text } = await post(options.url, options.body, agent, options.headers);
        result.latenciesMs.push(performance.now() - t);
        if (isClean(status, text)) result.ok++;
        else {
          result.failed++;
          result.firstFailure ??= `HTTP ${status}: ${text.slice(0, 300)}`;
        }
      } catch (error) {
        result.failed++;
        result.firstFailure ??= String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.connections }, loop));
  result.elapsedMs = performance.now() - start;
  await agent.close();
  return result;
}

/** Sequential queries (one in flight) for unloaded latency: stops at `maxQueries` or `budgetMs`, after `minQueries`. */
export async function runSequential(
  url: string,
  body: string,
  limits: { minQueries: number; maxQueries: number; budgetMs: number },
): Promise<LoadResult> {
  const agent = new Agent({ connections: 1, keepAliveTimeout: 30_000 });
  const result: LoadResult = { ok: 0, failed: 0, elapsedMs: 0, latenciesMs: [], firstFailure: undefined };
  const start = performance.now();
  for (let i = 0; i < limits.maxQueries; i++) {
    if (i >= limits.minQueries && performance.now() - start >= limits.budgetMs) break;
    const t = performance.now();
    const { status, text } = await post(url, body, agent);
    result.latenciesMs.push(performance.now() - t);
    if (isClean(status, text)) result.ok++;
    else {
      result.failed++;
      result.firstFailure ??= `HTTP ${status}: ${text.slice(0, 300)}`;
    }
  }
  result.elapsedMs = performance.now() - start;
  await agent.close();
  return result;
}
