import type { ApiName } from './call-log.js';

export interface Route {
  api: Exclude<ApiName, 'unknown'>;
  projectId: string;
  /** The `{type}` path segment of batch-struct-detail, still unvalidated. */
  type?: string;
}

const ROUTES: readonly [RegExp, Route['api']][] = [
  [/^\/v3\/([^/]+)\/jobs\/batch-detail$/, 'batch-detail'],
  [/^\/v3\/([^/]+)\/jobs\/batch-progress$/, 'batch-progress'],
  [/^\/v3\/([^/]+)\/jobs\/([^/]+)\/batch-struct-detail$/, 'batch-struct-detail'],
];

function decode(segment: string | undefined): string | undefined {
  try {
    return segment === undefined ? undefined : decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The API gateway publishes exactly these POST routes; any other method or path (a trailing
 * slash included) is a 404 before authentication, as APIG answers it.
 */
export function matchRoute(method: string, pathname: string): Route | undefined {
  if (method !== 'POST') return undefined;
  for (const [pattern, api] of ROUTES) {
    const m = pattern.exec(pathname);
    if (!m) continue;
    const projectId = decode(m[1]);
    const type = decode(m[2]);
    if (projectId === undefined || (m[2] !== undefined && type === undefined)) return undefined;
    return type === undefined ? { api, projectId } : { api, projectId, type };
  }
  return undefined;
}

/** Best-effort project segment for logging requests that matched no route. */
export function projectSegment(pathname: string): string {
  return /^\/v3\/([^/]+)/.exec(pathname)?.[1] ?? '';
}
