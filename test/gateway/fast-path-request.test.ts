import { describe, expect, it } from 'vitest';
import { answerMediaType, headerReader, queryParams } from '../../src/fast-path-request.js';

describe('fast path request rules', () => {
  it("picks yoga's JSON media type for an Accept header, or none", () => {
    expect(answerMediaType(undefined)).toBe('application/json');
    expect(answerMediaType('*/*')).toBe('application/json');
    expect(answerMediaType('application/*')).toBe('application/json');
    expect(answerMediaType('application/graphql-response+json, application/json;q=0.9')).toBe(
      'application/graphql-response+json',
    );
    expect(answerMediaType('application/json, application/graphql-response+json')).toBe('application/json');
    expect(answerMediaType('application/json; charset=latin1')).toBeUndefined();
    expect(answerMediaType('text/event-stream')).toBeUndefined();
    expect(answerMediaType('multipart/mixed')).toBeUndefined();
  });

  it('takes only a plain query request body', () => {
    expect(queryParams('{"query":"{ a }","variables":null,"operationName":null}')).toEqual({
      query: '{ a }',
      variables: undefined,
      operationName: undefined,
    });
    for (const body of [
      '',
      'null',
      '[]',
      '"x"',
      '{"query":1}',
      '{"query":"{ a }","variables":[]}',
      '{"query":"{ a }","operationName":5}',
      '{"query":"{ a }","extensions":{}}',
    ]) {
      expect(queryParams(body), body).toBeUndefined();
    }
  });

  it('reads Node headers as Headers.get does', () => {
    const headers = headerReader({ 'x-auth-token': 'abc', 'x-list': ['a', 'b'] });
    expect(headers.get('X-Auth-Token')).toBe('abc');
    expect(headers.get('x-list')).toBe('a, b');
    expect(headers.get('x-missing')).toBeNull();
  });
});
