import { Agent } from 'undici';
import { dashboardBody } from './dashboard-query.js';
import { post } from './load.js';

/** First path where two JSON values differ, or undefined when they are equal. */
function firstDifference(a: unknown, b: unknown, path = 'data'): string | undefined {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? undefined : `${path}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    const found = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      `${path}.${key}`,
    );
    if (found) return found;
  }
  return undefined;
}

/**
 * Asks both servers the dashboard query and compares the `data` they answer: the baseline only
 * counts as a baseline if it does the same work and returns the same bytes.
 */
export async function compareAnswers(urlA: string, urlB: string, ids: readonly string[]): Promise<string> {
  const agent = new Agent({ connections: 2 });
  const body = dashboardBody(ids);
  const [a, b] = await Promise.all([post(urlA, body, agent), post(urlB, body, agent)]);
  await agent.close();
  const dataOf = (text: string) => (JSON.parse(text) as { data?: unknown }).data;
  const difference = firstDifference(dataOf(a.text), dataOf(b.text));
  return difference === undefined
    ? `identical data for ${ids.length} jobs (${a.text.length} bytes)`
    : `DIFFERENT data for ${ids.length} jobs, first at ${difference}`;
}
