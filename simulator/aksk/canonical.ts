import { createHash, createHmac } from 'node:crypto';

/**
 * SDK-HMAC-SHA256, the AK/SK request signature of Huawei Cloud's API gateway (REFERENCE §10.2).
 * Pure functions so tests can hold each step against the SDKs' published vectors.
 */

export const ALGORITHM = 'SDK-HMAC-SHA256';
export const EMPTY_BODY_SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
/** The literal the SDKs sign instead of a hash for non-JSON bodies (header X-Sdk-Content-Sha256). */
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Percent-encodes all but A–Z a–z 0–9 - _ . ~ (uppercase hex), as the Go and Python signers do. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function decodeOrKeep(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Each path segment decoded then re-encoded, always ending in `/` (`/v3/p/jobs/batch-detail/`). */
export function canonicalUri(rawPath: string): string {
  const uri = rawPath
    .split('/')
    .map((s) => encodeRfc3986(decodeOrKeep(s)))
    .join('/');
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** `k=v` pairs, both encoded, sorted by key then value, joined with `&`; '' without a query. */
export function canonicalQuery(pairs: readonly (readonly [string, string])[]): string {
  return pairs
    .map(([k, v]) => [encodeRfc3986(k), encodeRfc3986(v)] as const)
    .sort(([ka, va], [kb, vb]) => (ka < kb ? -1 : ka > kb ? 1 : va < vb ? -1 : va > vb ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/** `name:value\n` for every signed header, in the (sorted, lower-case) signed-headers order. */
export function canonicalHeaders(headers: Readonly<Record<string, string>>, signed: readonly string[]): string {
  return signed.map((name) => `${name}:${(headers[name] ?? '').trim()}\n`).join('');
}

export interface SigningInput {
  method: string;
  /** Path as sent (percent-encoded), without the query. */
  path: string;
  query: readonly (readonly [string, string])[];
  /** Lower-case header names. */
  headers: Readonly<Record<string, string>>;
  /** Lower-case, sorted. */
  signedHeaders: readonly string[];
  payloadHash: string;
}

export function canonicalRequest(input: SigningInput): string {
  return [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query),
    canonicalHeaders(input.headers, input.signedHeaders),
    input.signedHeaders.join(';'),
    input.payloadHash,
  ].join('\n');
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Lower-case hex HMAC-SHA256 keyed with the SK itself (no key derivation in this algorithm). */
export function signature(sk: string, toSign: string): string {
  return createHmac('sha256', sk).update(toSign).digest('hex');
}

export function authorizationHeader(ak: string, signedHeaders: readonly string[], sig: string): string {
  return `${ALGORITHM} Access=${ak}, SignedHeaders=${signedHeaders.join(';')}, Signature=${sig}`;
}
