import { readFileSync } from 'node:fs';
import type { GraphQLEnumType, GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { printSdl } from '../../src/schema/print.js';

/** `name(arg: Type, …): Type` of a field, as the SDL would print it without descriptions. */
function signature(typeName: string, fieldName: string): string | undefined {
  const field = (schema.getType(typeName) as GraphQLObjectType | undefined)?.getFields()[fieldName];
  if (!field) return undefined;
  const args = field.args.map((arg) => `${arg.name}: ${arg.type}`).join(', ');
  return `${field.name}${args ? `(${args})` : ''}: ${field.type}`;
}

describe('schema.graphql', () => {
  it('matches the code (run `npm run schema` after changing a type)', () => {
    const committed = readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8');
    expect(printSdl()).toBe(committed);
  });

  it('keeps the public contract names', () => {
    expect([
      signature('Query', 'job'),
      signature('Query', 'jobs'),
      signature('Job', 'structDetail'),
      signature('Job', 'sourceEndpoint'),
      signature('Job', 'targetEndpoint'),
      signature('Job', 'progress'),
    ]).toEqual([
      'job(id: ID!): Job',
      'jobs(ids: [ID!]!): [Job]!',
      'structDetail(type: StructObjectType!): StructDetail',
      'sourceEndpoint: Endpoint',
      'targetEndpoint: Endpoint',
      'progress: Progress',
    ]);
    const structTypes = (schema.getType('StructObjectType') as GraphQLEnumType).getValues().map((value) => value.name);
    expect(structTypes).toEqual(
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
