import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { canonicalRequest, sdkDate, sha256Hex, sign, signRequest, stringToSign } from '../../src/drs/signer.js';
import { signingVectors } from '../support/signing-vectors.js';

const vectors = signingVectors;

describe('SDK-HMAC-SHA256 against the official SDK test vectors', () => {
  it.each(vectors.map((v) => [v.source, v] as const))('%s', (_source, v) => {
    const signedHeaders = v.expected_authorization.match(/SignedHeaders=([^,]+)/)![1]!.split(';');
    const headers = Object.fromEntries(Object.entries(v.headers).map(([k, value]) => [k.toLowerCase(), value]));
    const canonical = canonicalRequest({
      method: v.method,
      path: v.path,
      query: v.query,
      headers,
      signedHeaders,
      payloadHash: sha256Hex(v.body_bytes),
    });
    expect(canonical).toBe(v.canonical_request);
    const toSign = stringToSign(headers['x-sdk-date']!, canonical);
    expect(toSign).toBe(v.string_to_sign);
    expect(v.expected_authorization).toContain(`Signature=${sign(toSign, 'SecretKey')}`);
  });
});

describe('signRequest', () => {
  const require = createRequire(import.meta.url);
  const { AKSKSigner } = require('@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js');
  const now = new Date('2026-11-25T12:34:56.789Z');
  const url = new URL('https://drs.cn-north-4.myhuaweicloud.com/v3/054ba152d480d55b2f5dc0069e7ddef0/jobs/batch-detail');
  const body = { jobs: ['24834eb6-be30-464e-a299-f7aa730jb101'], page_req: { cur_page: 1, per_page: 0 } };

  it('formats X-Sdk-Date as YYYYMMDDTHHMMSSZ in UTC', () => {
    expect(sdkDate(now)).toBe('20261125T123456Z');
  });

  it('produces the signature the official Node.js SDK signer produces for the same request', () => {
    const headers = { 'content-type': 'application/json', 'x-project-id': '054ba152d480d55b2f5dc0069e7ddef0' };
    const ours = signRequest(
      { method: 'POST', url, headers, body: JSON.stringify(body) },
      { ak: 'AK123', sk: 'SK456' },
      now,
    );
    // The SDK signs every header it is given; hand it exactly the set we signed.
    const signedHeaders = ours.authorization!.match(/SignedHeaders=([^,]+)/)![1]!;
    const given: Record<string, string> = {
      'X-Sdk-Date': ours['x-sdk-date']!,
      'x-project-id': headers['x-project-id'],
    };
    const official = AKSKSigner.sign(
      { endpoint: url.toString(), method: 'POST', headers: given, data: body, queryParams: {} },
      { getAk: () => 'AK123', getSk: () => 'SK456' },
    ) as Record<string, string>;
    expect(official.Authorization).toContain(`SignedHeaders=${signedHeaders},`);
    expect(ours.authorization).toBe(official.Authorization);
  });

  it('signs the security token of temporary credentials and never signs content-type', () => {
    const ours = signRequest(
      { method: 'POST', url, headers: { 'Content-Type': 'application/json' }, body: '{}' },
      { ak: 'AK', sk: 'SK', securityToken: 'temp-token' },
      now,
    );
    expect(ours['x-security-token']).toBe('temp-token');
    expect(ours.authorization).toMatch(/SignedHeaders=host;x-sdk-date;x-security-token, Signature=[0-9a-f]{64}$/);
  });

  it('changes the signature when a byte of the body changes', () => {
    const a = signRequest({ method: 'POST', url, headers: {}, body: '{"jobs":["a"]}' }, { ak: 'AK', sk: 'SK' }, now);
    const b = signRequest({ method: 'POST', url, headers: {}, body: '{"jobs":["b"]}' }, { ak: 'AK', sk: 'SK' }, now);
    expect(a.authorization).not.toBe(b.authorization);
  });
});
