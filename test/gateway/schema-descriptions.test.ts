import {
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isIntrospectionType,
  isObjectType,
} from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { SCHEMA_DESCRIPTION } from '../../src/schema/root.js';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * Every element of `target` without a description, as `Type.field(arg)` paths. The one exception:
 * introspection types (`__Schema`, `__Type`, …), which the GraphQL specification defines and
 * graphql-js leaves partly bare. Library types (federation's `_Any`, `_Entity`, `_Service`, graphql-js's
 * scalars and directives, graphql-scalars' `DateTime`) are walked like the project's own.
 */
function undocumented(target: GraphQLSchema): string[] {
  const missing: string[] = [];
  const need = (description: string | null | undefined, path: string) => {
    if (!description?.trim()) missing.push(path);
  };
  need(target.description, 'schema');
  for (const type of Object.values(target.getTypeMap())) {
    if (isIntrospectionType(type)) continue;
    need(type.description, type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        need(field.description, `${type.name}.${field.name}`);
        for (const arg of field.args) need(arg.description, `${type.name}.${field.name}(${arg.name})`);
      }
    }
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) need(field.description, `${type.name}.${field.name}`);
    }
    if (isEnumType(type)) for (const value of type.getValues()) need(value.description, `${type.name}.${value.name}`);
  }
  for (const directive of target.getDirectives()) {
    need(directive.description, `@${directive.name}`);
    for (const arg of directive.args) need(arg.description, `@${directive.name}(${arg.name})`);
  }
  return missing;
}

describe('schema descriptions', () => {
  it('the walk finds every kind of undocumented element', () => {
    const bare = buildSchema(`
      """The root."""
      type Query {
        """Documented."""
        a(x: Int, """Documented.""" y: Int): E
        b(input: In): Int
      }
      enum E { ONE """Documented.""" TWO }
      input In { f: Int }
      scalar S
      directive @d(z: Int) on FIELD
    `);
    expect(undocumented(bare)).toEqual([
      'schema',
      'Query.a(x)',
      'Query.b',
      'Query.b(input)',
      'E',
      'E.ONE',
      'In',
      'In.f',
      'S',
      '@d',
      '@d(z)',
    ]);
  });

  it('documents every type, field, argument, enum value, input field, scalar and directive', () => {
    expect(undocumented(schema)).toEqual([]);
  });

  it('says what the gateway is and where to start', () => {
    expect(schema.description).toBe(SCHEMA_DESCRIPTION);
    for (const start of ['Query.jobs(ids:)', 'Subscription.jobProgress', 'asyncJobBatch(id:)']) {
      expect(SCHEMA_DESCRIPTION).toContain(start);
    }
  });

  it('deprecates the duration strings in favour of Int seconds beside them', () => {
    const deprecated: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || isIntrospectionType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        if (field.deprecationReason === undefined || field.deprecationReason === null) continue;
        deprecated.push(`${type.name}.${field.name}`);
        expect(field.deprecationReason).toContain('`remainingSeconds`');
        expect(String(type.getFields().remainingSeconds?.type)).toBe('Int');
      }
    }
    expect(deprecated.sort()).toEqual([
      'AsyncJobProgress.remainingTime',
      'Progress.remainingTime',
      'ProgressPhase.remainingTime',
    ]);
  });
});

describe('the Docs explorer over HTTP', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('introspects the description and lists Query’s own fields before federation’s, with no DRS call', async () => {
    const res = await h.gql(`{
      __schema { description queryType { description fields { name description } } }
      _Any: __type(name: "_Any") { description }
    }`);
    expect(res.errors).toBeUndefined();
    const { description, queryType } = res.data.__schema;
    expect(description).toBe(SCHEMA_DESCRIPTION);
    expect(queryType.description).toBeTruthy();
    const names: string[] = queryType.fields.map((f: { name: string }) => f.name);
    expect(names.slice(-2)).toEqual(['_entities', '_service']);
    expect(names.slice(0, -2).every((name) => !name.startsWith('_'))).toBe(true);
    expect(names).toEqual(expect.arrayContaining(['job', 'jobs', 'asyncJobBatch']));
    expect(queryType.fields.filter((f: { description: string | null }) => !f.description)).toEqual([]);
    expect(res.data._Any.description).toContain('Apollo Federation');
    expect(h.calls()).toHaveLength(0);
  });
});
