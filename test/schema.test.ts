import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printSdl } from '../src/schema/print.js';

describe('schema.graphql', () => {
  it('matches the code (run `npm run schema` after changing a type)', () => {
    const committed = readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8');
    expect(printSdl()).toBe(committed);
  });

  it('keeps the public contract names', () => {
    const sdl = printSdl();
    for (const line of [
      'job(id: ID!): Job',
      'jobs(ids: [ID!]!): [Job]!',
      'structDetail(type: StructObjectType!): StructDetail',
      'sourceEndpoint: Endpoint',
      'targetEndpoint: Endpoint',
      'progress: Progress',
    ]) {
      expect(sdl).toContain(line);
    }
    const structTypes = sdl
      .match(/enum StructObjectType \{([^}]*)\}/)?.[1]
      ?.split(/\s+/)
      .filter(Boolean);
    expect(structTypes?.filter((v) => !v.startsWith('"'))).toEqual(
      expect.arrayContaining([
        'DATABASE',
        'SCHEMA',
        'TABLE',
        'VIEW',
        'PROCEDURE',
        'TRIGGER',
        'INDEX',
        'TABLE_INDEXS',
        'TABLE_STRUCTURE',
      ]),
    );
  });
});
