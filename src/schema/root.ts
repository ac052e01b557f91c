import {
  type GraphQLFieldConfig,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  GraphQLSchema,
  type GraphQLType,
  GraphQLUnionType,
  isListType,
  isNamedType,
  isNonNullType,
} from 'graphql';

/** The Docs root: what the gateway is and where to start (GraphiQL shows it with `schemaDescription`). */
export const SCHEMA_DESCRIPTION = [
  'GraphQL gateway over the query APIs of Huawei Cloud Data Replication Service (DRS). It folds the lookups of',
  'one operation into DRS batch calls: every field names the DRS API behind it and what it costs in calls.',
  '',
  'Where to start: `Query.jobList(filter:, first:)` to find the tenant’s jobs (by scenario, status, name…);',
  '`Query.jobs(ids:)` (or `job(id:)`) for known job ids, with `progress` and `structDetail` in the same round',
  'trip; `Subscription.jobProgress` to watch progress; `asyncJobBatch(id:)` for jobs created by a v5',
  'asynchronous batch.',
  '',
  'Conventions: times are ISO 8601 (DRS sends epoch milliseconds); durations are Int seconds; DRS’s',
  'sentinels (`-1`, a `"0"` time, empty strings) are null; a DRS enum value the gateway does not know yet is',
  '`UNKNOWN`, with the wire string in the `…Raw` field beside it. Errors carry `extensions.code` and',
  '`extensions.retryable`.',
].join('\n');

/** Federation's own types, described here: @apollo/subgraph leaves them bare. */
const FEDERATION_DOCS = {
  _Any: 'Apollo Federation: an entity reference, a JSON object such as `{ "__typename": "Job", "id": "…" }`.',
  _Entity: 'Apollo Federation: the types a router can resolve through `_entities` (here, `Job`).',
  _Service: 'Apollo Federation: what this subgraph tells a router.',
} as const;

const FEDERATION_FIELDS: Record<string, { description: string; args?: Record<string, string> }> = {
  _entities: {
    description:
      'Apollo Federation, for routers: resolves `Job` references through the same per-request batch loaders as ' +
      '`jobs(ids:)` (⌈references / batch size⌉ calls per API), within the same MAX_IDS_PER_QUERY.',
    args: { representations: 'References, each `{ "__typename": "Job", "id": "…" }`.' },
  },
  _service: { description: 'Apollo Federation, for routers: this subgraph’s SDL, for composition.' },
};

/**
 * The finished public schema: a description, Query's own fields before federation's `_entities` and
 * `_service` (the plugin sorts them first, and GraphiQL's Docs lists fields in schema order), and
 * descriptions on federation's types. Those types are copied, not mutated: @apollo/subgraph shares
 * them with every subgraph in the process.
 */
export function finishSchema(schema: GraphQLSchema): GraphQLSchema {
  const config = schema.toConfig();
  const copies = new Map<string, GraphQLScalarType | GraphQLUnionType | GraphQLObjectType>();
  for (const type of config.types) {
    const description = FEDERATION_DOCS[type.name as keyof typeof FEDERATION_DOCS];
    if (description === undefined) continue;
    if (type instanceof GraphQLScalarType)
      copies.set(type.name, new GraphQLScalarType({ ...type.toConfig(), description }));
    if (type instanceof GraphQLUnionType)
      copies.set(type.name, new GraphQLUnionType({ ...type.toConfig(), description }));
    if (type instanceof GraphQLObjectType)
      copies.set(type.name, new GraphQLObjectType({ ...type.toConfig(), description }));
  }
  const swap = (type: GraphQLType): GraphQLType => {
    if (isNonNullType(type)) return new GraphQLNonNull(swap(type.ofType) as never);
    if (isListType(type)) return new GraphQLList(swap(type.ofType));
    return (isNamedType(type) && copies.get(type.name)) || type;
  };
  const queryConfig = config.query!.toConfig();
  const fields = Object.entries(queryConfig.fields).map(
    ([name, field]): [string, GraphQLFieldConfig<unknown, unknown>] => {
      const docs = FEDERATION_FIELDS[name];
      if (docs === undefined) return [name, field];
      const args = Object.fromEntries(
        Object.entries(field.args ?? {}).map(([arg, c]) => [
          arg,
          { ...c, type: swap(c.type) as never, description: docs.args?.[arg] ?? c.description },
        ]),
      );
      return [name, { ...field, type: swap(field.type) as never, args, description: docs.description }];
    },
  );
  // Stable: federation's fields (names starting with `_`) move after the others, each group keeping its order.
  fields.sort(([a], [b]) => Number(a.startsWith('_')) - Number(b.startsWith('_')));
  const query = new GraphQLObjectType({ ...queryConfig, fields: Object.fromEntries(fields) });
  const replaced = new Set([config.query!.name, ...copies.keys()]);
  return new GraphQLSchema({
    ...config,
    description: SCHEMA_DESCRIPTION,
    query,
    types: [...config.types.filter((type) => !replaced.has(type.name)), ...copies.values(), query],
  });
}
