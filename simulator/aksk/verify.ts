import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { apigProblem, type Problem } from '../http/errors.js';
import { canonicalRequest, sha256Hex, signature, stringToSign, UNSIGNED_PAYLOAD } from './canonical.js';
import type { AkSkCredential } from './credentials.js';
import type { Lockout } from './lockout.js';

/** What a signature is checked against: the request exactly as it arrived. */
export interface SignedRequest {
  method: string;
  /** Path as sent, still percent-encoded. */
  path: string;
  /** Query string as sent, without `?`. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface VerifyContext {
  credentials: readonly AkSkCredential[];
  lockout: Lockout;
  lockoutEnabled: boolean;
  /** Simulated instant (lockouts run on the simulator's clock). */
  simNow: number;
  /** Wall-clock epoch ms: X-Sdk-Date is compared with real time, as signers use real time. */
  wallNow: number;
  requestId: string;
}

export type VerifyResult = { ok: true; credential: AkSkCredential } | { ok: false; ak?: string; problem: Problem };

/** APIG rejects an X-Sdk-Date more than 15 minutes away from its own time (REFERENCE §10.2). */
export const MAX_SKEW_MS = 15 * 60_000;

const AUTHORIZATION = /^SDK-HMAC-SHA256\s+Access=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=([0-9a-fA-F]+)\s*$/;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const iam = (msg: string, requestId: string) =>
  apigProblem(401, 'APIG.0301', `Incorrect IAM authentication information: ${msg}`, requestId);

export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/** `20060102T150405Z` → epoch ms, or undefined when it is not that shape or not a real date. */
export function parseSdkDate(value: string): number | undefined {
  const m = SDK_DATE.exec(value);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  return new Date(ms).getUTCDate() === d && h < 24 && mi < 60 && s < 60 ? ms : undefined;
}

function sameHex(a: string, b: string): boolean {
  const x = Buffer.from(a.toLowerCase());
  const y = Buffer.from(b.toLowerCase());
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Every check after the AK is known; a problem here counts towards the AK's lockout. */
function check(req: SignedRequest, c: AkSkCredential, signed: string[], sig: string, ctx: VerifyContext) {
  const fail = iam('verify aksk signature fail', ctx.requestId);
  const token = headerValue(req.headers, 'x-security-token');
  // A temporary AK is resolved through its security token; without one IAM has no such AK.
  if (c.securityToken !== undefined && token === undefined)
    return iam(`Get secretKey failed,ak:${c.ak},err:ak not exist`, ctx.requestId);
  if (token !== undefined && (token !== c.securityToken || !signed.includes('x-security-token'))) return fail;
  const date = headerValue(req.headers, 'x-sdk-date');
  const at = date === undefined ? undefined : parseSdkDate(date);
  if (date === undefined || at === undefined || !signed.includes('x-sdk-date')) return fail;
  if (Math.abs(ctx.wallNow - at) > MAX_SKEW_MS)
    return iam('calc ak sk signature fail:signature expired', ctx.requestId);
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = headerValue(req.headers, name);
    if (value === undefined) return fail;
    headers[name] = value;
  }
  const declared = headerValue(req.headers, 'x-sdk-content-sha256');
  // The hash is over the exact bytes received (SDKs hash what they send, trailing newline included).
  const payloadHash = declared === UNSIGNED_PAYLOAD ? declared : sha256Hex(req.body);
  const query = [...new URLSearchParams(req.rawQuery)];
  const canonical = canonicalRequest({
    method: req.method,
    path: req.path,
    query,
    headers,
    signedHeaders: signed,
    payloadHash,
  });
  return sameHex(signature(c.sk, stringToSign(date, canonical)), sig) ? undefined : fail;
}

/**
 * Verifies an `Authorization: SDK-HMAC-SHA256 …` request as APIG does, answering its 401
 * APIG.0301 bodies. The SignedHeaders list of the request decides what is hashed.
 */
export function verifyAkSk(req: SignedRequest, ctx: VerifyContext): VerifyResult {
  const auth = headerValue(req.headers, 'authorization') ?? '';
  const m = AUTHORIZATION.exec(auth);
  if (!m) return { ok: false, problem: iam('verify aksk signature fail', ctx.requestId) };
  const [, ak = '', signedList = '', sig = ''] = m;
  const credential = ctx.credentials.find((c) => c.ak === ak);
  if (!credential)
    return { ok: false, ak, problem: iam(`Get secretKey failed,ak:${ak},err:ak not exist`, ctx.requestId) };
  if (ctx.lockoutEnabled && ctx.lockout.locked(ak, ctx.simNow))
    return { ok: false, ak, problem: iam('AK access failed to reach the limit,forbidden', ctx.requestId) };
  const signed = signedList.split(';').map((h) => h.toLowerCase());
  const problem = check(req, credential, signed, sig, ctx);
  if (problem) {
    if (ctx.lockoutEnabled) ctx.lockout.fail(ak, ctx.simNow);
    return { ok: false, ak, problem };
  }
  ctx.lockout.succeed(ak);
  return { ok: true, credential };
}
