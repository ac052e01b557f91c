import { type Plugin, useReadinessCheck } from 'graphql-yoga';
import type { Readiness } from './readiness.js';

export const READINESS_PATH = '/readiness';

/**
 * GET /readiness as yoga's readiness plugin (onRequest: GET never takes the fast path): 200 or
 * 503 with the report as JSON, never cached by a proxy.
 */
export function useReadiness(readiness: Readiness): Plugin {
  return useReadinessCheck({
    endpoint: READINESS_PATH,
    check: async ({ fetchAPI }) => {
      const report = await readiness.check();
      return new fetchAPI.Response(JSON.stringify(report), {
        status: report.status === 'ready' ? 200 : 503,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
      });
    },
  });
}
