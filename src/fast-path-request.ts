import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/** What the fast path may take a request on, decided from its head alone (the body is not read yet). */
export interface FastPathRules {
  endpoint: string;
  maxRequestBytes: number;
  /** With CORS configured, requests that carry an Origin are left to yoga's CORS handling. */
  corsConfigured: boolean;
}

/** The request parameters of a plain GraphQL POST. */
export interface QueryParams {
  query: string;
  variables: Record<string, unknown> | undefined;
  operationName: string | undefined;
}

/**
 * The media type to answer a request in, or undefined when the request is not one the fast path
 * takes: a POST of JSON to the endpoint, of a known length within the cap, asking for a JSON answer.
 */
export function fastPathMediaType(req: IncomingMessage, rules: FastPathRules): string | undefined {
  if (req.method !== 'POST' || req.url !== rules.endpoint) return undefined;
  const { headers } = req;
  const length = headers['content-length'];
  if (length === undefined || !/^\d+$/.test(length) || Number(length) === 0 || Number(length) > rules.maxRequestBytes) {
    return undefined;
  }
  if (headers['content-encoding'] !== undefined || headers['transfer-encoding'] !== undefined) return undefined;
  if (rules.corsConfigured && headers.origin !== undefined) return undefined;
  const type = headers['content-type']?.split(',')[0];
  if (type !== 'application/json' && !type?.startsWith('application/json;')) return undefined;
  return answerMediaType(headers.accept);
}

const ANSWER_TYPES = ['application/graphql-response+json', 'application/json'];

/**
 * The JSON media type yoga's result processing picks for this Accept header, or undefined if it
 * would pick none (406, or an event stream). Yoga walks the asked types from last to first and keeps
 * the last type that matches, trying its two JSON types in ANSWER_TYPES order for each.
 */
export function answerMediaType(accept: string | undefined): string | undefined {
  const asked = (accept || '*/*').replace(/\s/g, '').toLowerCase().split(',');
  let chosen: string | undefined;
  for (let i = asked.length - 1; i >= 0; i--) {
    const [type = '', ...params] = asked[i]!.split(';');
    const charset = params.find((param) => param.includes('charset=')) ?? 'charset=utf-8';
    if (charset !== 'charset=utf-8') continue;
    const [pre, suf] = type.split('/');
    for (const offered of ANSWER_TYPES) {
      const [offeredPre, offeredSuf] = offered.split('/');
      if ((pre === '*' || pre === offeredPre) && (suf === '*' || suf === offeredSuf)) chosen = offered;
    }
  }
  return chosen;
}

/** The body's parameters when it is one plain query request; undefined sends it to yoga, which words any error. */
export function queryParams(text: string): QueryParams | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return undefined;
  const { query, variables, operationName, ...rest } = body as Record<string, unknown>;
  for (const _key in rest) return undefined;
  if (typeof query !== 'string') return undefined;
  if (variables != null && (typeof variables !== 'object' || Array.isArray(variables))) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  return {
    query,
    variables: (variables ?? undefined) as Record<string, unknown> | undefined,
    operationName: operationName ?? undefined,
  };
}

/** The `Headers.get` of a Node request, which is all a context reads of its headers. */
export function headerReader(headers: IncomingHttpHeaders): { get(name: string): string | null } {
  return {
    get(name) {
      const value = headers[name.toLowerCase()];
      if (value === undefined) return null;
      return Array.isArray(value) ? value.join(', ') : value;
    },
  };
}
