import { createClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CASES: [string, string, string][] = [
  ['a document that does not parse', '{ jobs(ids: [', 'GRAPHQL_PARSE_FAILED'],
  ['an empty document', '', 'GRAPHQL_PARSE_FAILED'],
  ['an unknown field', '{ nope }', 'GRAPHQL_VALIDATION_FAILED'],
  ['a subscription on an unknown field', 'subscription { nope }', 'GRAPHQL_VALIDATION_FAILED'],
];

describe('syntax and validation errors are coded and say they will fail again', () => {
  it.each(CASES)('over HTTP: %s', async (_name, query, code) => {
    const res = await h.gql(query);
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const error of res.errors ?? []) expect(error.extensions).toMatchObject({ code, retryable: false });
    expect(h.calls()).toHaveLength(0);
  });

  it.each(CASES)('over graphql-ws, answered on the socket: %s', async (_name, query, code) => {
    const client = createClient({ url: h.wsUrl, webSocketImpl: WebSocket, lazy: true, retryAttempts: 0 });
    h.sim.resetCalls();
    try {
      const answer = await new Promise<{ errors?: { extensions?: Record<string, unknown> }[] }>((resolve, reject) => {
        client.subscribe({ query }, { next: resolve as never, error: reject, complete: () => {} });
      });
      expect(answer.errors?.length).toBeGreaterThan(0);
      for (const error of answer.errors ?? []) expect(error.extensions).toMatchObject({ code, retryable: false });
      expect(h.calls()).toHaveLength(0);
    } finally {
      await client.dispose();
    }
  });
});
