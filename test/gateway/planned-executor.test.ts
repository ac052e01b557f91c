import {
  buildSchema,
  type ExecutionArgs,
  type ExecutionResult,
  execute,
  GraphQLError,
  type GraphQLSchema,
  parse,
  validate,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { executePrepared, prepareOperation } from '../../src/execution/execute.js';

/**
 * The planned executor against graphql-js itself, on a schema built to hit every completion rule:
 * sync and async values, errors and null bubbling through non-null fields and list items,
 * interfaces and unions (resolveType and isTypeOf), arguments from literals, variables and defaults,
 * fragments and @skip/@include. Each case must give the same data (keys in the same order) and errors.
 */
const schema: GraphQLSchema = buildSchema(`
  interface Named { name: String }
  type Person implements Named {
    name: String, age: Int!, friends: [Person!], tags: [String], slowFail: String
    nick: String!, code: Int, oops: String, returned: String, ageNow: Int!
  }
  type Robot implements Named { name: String, model: String! }
  union Thing = Person | Robot
  type Query {
    hello(who: String = "world", times: Int): String
    person(id: ID!): Person
    people(ids: [ID!]!): [Person]
    strictPeople(ids: [ID!]!): [Person!]
    mustPerson(id: ID!): Person!
    named: [Named]
    things: [Thing!]!
    failing: String
    asyncFailing: String!
    badInt: Int
    notList: [Int]
    fine: Boolean
  }
`);

const people: Record<string, { id: string; name: string; age: number | null; friends: string[]; tags: unknown[] }> = {
  1: { id: '1', name: 'Ann', age: 30, friends: ['2', '3'], tags: ['a', null, 'c'] },
  2: { id: '2', name: 'Bob', age: null, friends: ['1'], tags: [] },
  3: { id: '3', name: 'Cy', age: 40, friends: ['404'], tags: ['x'] },
};
const later = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 1));
const person = (id: unknown) =>
  String(id) === 'boom' ? Promise.reject(new Error('boom')) : later(people[String(id)] ?? null);

const resolvers: Record<string, Record<string, unknown>> = {
  Query: {
    hello: (_: unknown, { who, times }: { who: string; times?: number }) => `hi ${who}`.repeat(times ?? 1),
    person: (_: unknown, { id }: { id: string }) => person(id),
    people: (_: unknown, { ids }: { ids: string[] }) => ids.map(person),
    strictPeople: (_: unknown, { ids }: { ids: string[] }) => ids.map(person),
    mustPerson: (_: unknown, { id }: { id: string }) => person(id),
    named: () => [people[1], { name: 'R2', model: 'astromech' }, later({ name: 'C3', model: 'protocol' })],
    things: () => [{ name: 'T1', model: 'x' }, people[3]],
    failing: () => {
      throw new Error('sync failure');
    },
    asyncFailing: () => later(null),
    badInt: () => 'not a number',
    notList: () => 42,
    fine: () => true,
  },
  Person: {
    age: (p: { age: number | null }) => later(p.age),
    friends: (p: { friends: string[] }) => p.friends.map(person),
    slowFail: () => new Promise((_, reject) => setTimeout(() => reject(new Error('late')), 5)),
    // One-parameter arrows: leaf fields the executor resolves without building info.
    nick: (p: { name: string }) => (p.name === 'Bob' ? null : p.name.toLowerCase()),
    code: (p: { name: string }) => (p.name === 'Cy' ? 'not a number' : p.name.length),
    oops: (p: { name: string }) => {
      if (p.name === 'Ann') throw new Error(`oops ${p.name}`);
      return p.name;
    },
    returned: (p: { name: string }) => (p.name === 'Cy' ? new Error('returned error') : `r ${p.name}`),
    ageNow: (p: { age: number | null }) => p.age,
  },
};
for (const [typeName, fields] of Object.entries(resolvers)) {
  const type = schema.getType(typeName) as unknown as { getFields(): Record<string, { resolve?: unknown }> };
  for (const [field, resolve] of Object.entries(fields)) type.getFields()[field]!.resolve = resolve;
}
// Abstract types resolve both ways graphql-js supports: resolveType on one, isTypeOf on the other.
(schema.getType('Named') as unknown as { resolveType: unknown }).resolveType = (v: { model?: string }) =>
  v.model ? 'Robot' : 'Person';
(schema.getType('Person') as unknown as { isTypeOf: unknown }).isTypeOf = (v: { age?: unknown }) => 'age' in v;
(schema.getType('Robot') as unknown as { isTypeOf: unknown }).isTypeOf = (v: { model?: unknown }) =>
  later('model' in v);

async function both(query: string, variableValues?: Record<string, unknown>, operationName?: string) {
  const document = parse(query);
  expect(validate(schema, document)).toEqual([]);
  const args: ExecutionArgs = { schema, document, variableValues, operationName, contextValue: {} };
  const expected = await execute(args);
  const entry = prepareOperation(args);
  expect(entry, 'the planned executor takes every query operation').toBeDefined();
  const actual = await executePrepared(entry!, args);
  // Late failures below a nulled position settle after the answer: give them time to (wrongly) show up.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { expected, actual };
}

function shape(result: ExecutionResult) {
  return {
    // Stringified so the order of keys counts, as it does on the wire.
    data: JSON.stringify(result.data),
    errors: (result.errors ?? []).map((e) => JSON.stringify(e.toJSON())).sort(),
  };
}

const CASES: [string, string, Record<string, unknown>?][] = [
  ['scalars, defaults and literal arguments', '{ a: hello b: hello(who: "you", times: 2) fine __typename }'],
  ['variables in arguments', 'query($w: String, $t: Int) { hello(who: $w, times: $t) }', { w: 'v', t: 3 }],
  ['an omitted variable leaves the default', 'query($w: String) { hello(who: $w) }', {}],
  ['async objects, nested lists, aliases', '{ person(id: 1) { name age friends { name age } x: tags } }'],
  [
    'fragments, repeated fields and inline fragments',
    `{ person(id: 1) { ...P name ... on Person { age friends { ...P } } } }
    fragment P on Person { name tags }`,
  ],
  ['a null non-null field bubbles to the nullable parent', '{ person(id: 2) { name age } fine }'],
  ['an error below a position already nulled is dropped', '{ person(id: 2) { age slowFail } fine }'],
  ['nullable list items fail alone', '{ people(ids: [1, 404, "boom", 3]) { name } }'],
  ['a non-null list item nulls the whole list', '{ strictPeople(ids: [1, "boom", 3]) { name } fine }'],
  ['a non-null item in a nested list', '{ person(id: 3) { name friends { name } } }'],
  ['a non-null root field nulls data', '{ fine mustPerson(id: "boom") { name } }'],
  ['a non-null root field that resolves null', '{ mustPerson(id: 404) { name } }'],
  ['sync and async failures', '{ failing asyncFailing }'],
  [
    'leaves resolved from the parent alone: null, throws, returned errors, bad values',
    '{ people(ids: [1, 2, 3]) { name nick code oops returned } person(id: 2) { name ageNow } fine }',
  ],
  ['serialisation and iterable errors', '{ badInt notList fine }'],
  ['interface: resolveType and isTypeOf', '{ named { __typename name ... on Robot { model } ... on Person { age } } }'],
  ['union', '{ things { __typename ... on Named { name } ... on Robot { model } } }'],
  [
    '@skip and @include with variables',
    `query($yes: Boolean!, $no: Boolean!) { person(id: 1) { name @include(if: $yes) age @skip(if: $yes)
      ... on Person @include(if: $no) { tags } friends @skip(if: $no) { name @include(if: $no) name } } }`,
    { yes: true, no: false },
  ],
  [
    '@skip and @include, the other way round',
    'query($yes: Boolean!) { hello @include(if: $yes) fine @skip(if: $yes) }',
    { yes: false },
  ],
  [
    'introspection',
    '{ __schema { queryType { name } types { name kind } } __type(name: "Thing") { possibleTypes { name } } }',
  ],
];

describe('planned executor matches graphql-js', () => {
  for (const [name, query, variables] of CASES) {
    it(name, async () => {
      const { expected, actual } = await both(query, variables);
      expect(shape(actual)).toEqual(shape(expected));
    });
  }

  it('plans once per operation and per @skip/@include outcome, and answers plain objects', async () => {
    const query = 'query($yes: Boolean!) { hello @include(if: $yes) person(id: 1) { name } }';
    const on = await both(query, { yes: true });
    const off = await both(query, { yes: false });
    expect(shape(on.actual)).toEqual(shape(on.expected));
    expect(shape(off.actual)).toEqual(shape(off.expected));
    const data = on.actual.data as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(data.person)).toBe(Object.prototype);
  });

  it('reports bad variables as graphql-js does, without running anything', async () => {
    const { expected, actual } = await both('query($t: Int) { hello(times: $t) }', { t: 'many' });
    expect(shape(actual)).toEqual(shape(expected));
    expect(actual.data).toBeUndefined();
  });

  it('leaves mutations, subscriptions and unknown operation names to graphql-js', () => {
    const mutationSchema = buildSchema('type Query { a: Int } type Mutation { b: Int } type Subscription { c: Int }');
    for (const [query, operationName] of [
      ['mutation { b }', undefined],
      ['subscription { c }', undefined],
      ['query A { a } query B { a }', undefined],
      ['query A { a }', 'Nope'],
    ] as const) {
      expect(prepareOperation({ schema: mutationSchema, document: parse(query), operationName })).toBeUndefined();
    }
  });

  it('locates errors on the field nodes, with the path of the failing item', async () => {
    const { actual } = await both('{ people(ids: [1, "boom"]) { name } }');
    expect(actual.errors).toHaveLength(1);
    const [error] = actual.errors!;
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error!.path).toEqual(['people', 1]);
    expect(error!.locations).toEqual([{ line: 1, column: 3 }]);
  });
});
