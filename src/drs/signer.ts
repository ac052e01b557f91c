import { createHash, createHmac } from 'node:crypto';

/**
 * Huawei Cloud `SDK-HMAC-SHA256` request signing (APIG AK/SK), as a pure function of the request.
 * The payload hash is taken over the exact body bytes that go on the wire.
 */
export const ALGORITHM = 'SDK-HMAC-SHA256';

export interface AkSk {
  ak: string;
  sk: string;
  /** Temporary credentials also send (and sign) `X-Security-Token`. */
  securityToken?: string | undefined;
}

export interface RequestToSign {
  method: string;
  url: URL;
  /** Headers that will be sent, any case; the ones worth signing are signed. */
  headers: Record<string, string>;
  body: string;
}

/** Headers the gateway signs when present; Content-Type is left out, as the Go SDK does. */
const SIGNED = new Set(['host', 'x-sdk-date', 'x-project-id', 'x-security-token', 'x-language']);

/** Returns the headers to add: `X-Sdk-Date`, `Host`, `Authorization` (and `X-Security-Token`). */
export function signRequest(request: RequestToSign, credentials: AkSk, now: Date): Record<string, string> {
  const added: Record<string, string> = { host: request.url.host, 'x-sdk-date': sdkDate(now) };
  if (credentials.securityToken) added['x-security-token'] = credentials.securityToken;
  const headers = lowerCaseKeys({ ...request.headers, ...added });
  const signedHeaders = Object.keys(headers)
    .filter((name) => SIGNED.has(name))
    .sort();
  const canonical = canonicalRequest({
    method: request.method,
    path: request.url.pathname,
    query: [...request.url.searchParams],
    headers,
    signedHeaders,
    payloadHash: sha256Hex(request.body),
  });
  const signature = sign(stringToSign(added['x-sdk-date']!, canonical), credentials.sk);
  return {
    ...added,
    authorization: `${ALGORITHM} Access=${credentials.ak}, SignedHeaders=${signedHeaders.join(';')}, Signature=${signature}`,
  };
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
export function sdkDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

export interface CanonicalParts {
  method: string;
  path: string;
  query: [string, string][];
  /** Lower-cased names. */
  headers: Record<string, string>;
  signedHeaders: string[];
  payloadHash: string;
}

export function canonicalRequest(parts: CanonicalParts): string {
  const path = parts.path.split('/').map(encode).join('/');
  const query = parts.query
    .map(([key, value]) => [encode(key), encode(value)] as const)
    .sort(([k1, v1], [k2, v2]) => (k1 === k2 ? compare(v1, v2) : compare(k1, k2)))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
  const headers = parts.signedHeaders.map((name) => `${name}:${(parts.headers[name] ?? '').trim()}\n`).join('');
  return [
    parts.method.toUpperCase(),
    path.endsWith('/') ? path : `${path}/`,
    query,
    headers,
    parts.signedHeaders.join(';'),
    parts.payloadHash,
  ].join('\n');
}

export function stringToSign(date: string, canonical: string): string {
  return `${ALGORITHM}\n${date}\n${sha256Hex(canonical)}`;
}

export function sign(stringToSignValue: string, sk: string): string {
  return createHmac('sha256', sk).update(stringToSignValue).digest('hex');
}

export function sha256Hex(data: string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** RFC 3986 unreserved characters stay; everything else is %XX with upper-case hex. */
function encode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name.toLowerCase()] = value;
  return out;
}
