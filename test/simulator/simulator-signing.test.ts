import { describe, expect, it } from 'vitest';
import { signing } from '../../simulator/index.js';
import { signingVectors } from '../support/signing-vectors.js';

const vectors = signingVectors;

describe('SDK-HMAC-SHA256 building blocks', () => {
  it.each(vectors.map((v) => [v.expected_authorization.slice(-12), v] as const))(
    'reproduce the official test vector …%s',
    (_, v) => {
      const signedHeaders = /SignedHeaders=([^,]+)/.exec(v.expected_authorization)?.[1]?.split(';') ?? [];
      const headers = Object.fromEntries(Object.entries(v.headers).map(([k, value]) => [k.toLowerCase(), value]));
      const canonical = signing.canonicalRequest({
        method: v.method,
        path: v.path,
        query: v.query,
        headers,
        signedHeaders,
        payloadHash: signing.sha256Hex(Buffer.from(v.body_bytes)),
      });
      expect(canonical).toBe(v.canonical_request);
      const toSign = signing.stringToSign(v.headers['X-Sdk-Date'] ?? '', canonical);
      expect(toSign).toBe(v.string_to_sign);
      const sig = signing.signature('SecretKey', toSign);
      expect(signing.authorizationHeader('AccessKey', signedHeaders, sig)).toBe(v.expected_authorization);
    },
  );

  it('encodes paths and queries as the SDKs do', () => {
    expect(signing.canonicalUri('/v3/p/jobs/batch-detail')).toBe('/v3/p/jobs/batch-detail/');
    expect(signing.canonicalUri('/a%20b/c')).toBe('/a%20b/c/');
    expect(
      signing.canonicalQuery([
        ['offset', '0'],
        ['limit', '10'],
        ['a b', "x!'()*"],
      ]),
    ).toBe('a%20b=x%21%27%28%29%2A&limit=10&offset=0');
    expect(signing.canonicalQuery([])).toBe('');
  });
});
