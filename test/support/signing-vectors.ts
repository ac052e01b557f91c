import { fixture } from './fixture-upstream.js';

/** One official SDK-HMAC-SHA256 test vector (test/fixtures/signing-test-vectors.json). */
export interface SigningVector {
  source: string;
  method: string;
  host: string;
  path: string;
  query: [string, string][];
  headers: Record<string, string>;
  body_bytes: string;
  canonical_request: string;
  string_to_sign: string;
  expected_authorization: string;
}

/** The vectors the gateway's signer and the simulator's verifier are each checked against. */
export const signingVectors = fixture<{ vectors: SigningVector[] }>('signing-test-vectors.json').vectors;
