import {
  type FieldNode,
  type GraphQLAbstractType,
  GraphQLError,
  type GraphQLLeafType,
  GraphQLObjectType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  getVariableValues,
  type OperationDefinitionNode,
} from 'graphql';
import { inspect } from 'graphql/jsutils/inspect.js';

/**
 * The planned executor's contract with graphql-js, in one module: the internals it imports (deep
 * paths outside graphql's public API, free to change in any release) and the rules it mirrors so its
 * answers and errors stay graphql-js's to the byte. Checked against GRAPHQL_CHECKED; when another
 * graphql is installed (test/gateway/graphql-contract.test.ts fails), re-check each item below against
 * node_modules/graphql/execution/*.js, run test/gateway/planned-executor.test.ts, then move GRAPHQL_CHECKED:
 * - collectFields, collectSubfields (execution/collectFields.js): arguments, and a Map of response
 *   key to field nodes in selection order (fragments, @skip/@include);
 * - getFieldDef (execution/execute.js): meta fields included, undefined for an unknown field, whose
 *   key executeFields leaves out (plan.ts does too);
 * - CollectedErrors.add (execution/execute.js): an error at or below a nulled position is dropped;
 * - buildExecutionContext: variables coerced with `maxErrors: 50`;
 * - completeValue, completeListValue, completeLeafValue, completeObjectValue, ensureValidRuntimeType
 *   and invalidReturnTypeError: their error messages, worded with jsutils/inspect.js;
 * - jsutils/isPromise.js: a promise is anything with a `then` method.
 */
export const GRAPHQL_CHECKED = '16.15.0';

// Public functions whose results the executor passes on as they are (argument coercion, default
// resolvers, located errors): named here too, so this module lists all the executor borrows.
export {
  defaultFieldResolver,
  defaultTypeResolver,
  getArgumentValues,
  locatedError,
  responsePathAsArray,
} from 'graphql';
// The CommonJS build, the one Node loads for `graphql` itself, so these are graphql-js's own functions.
export { collectFields, collectSubfields } from 'graphql/execution/collectFields.js';
export { getFieldDef } from 'graphql/execution/execute.js';

type Path = GraphQLResolveInfo['path'];

/** Whether an error at `path` is dropped: it or a parent was already nulled by an earlier error. */
export function droppedError(nulled: ReadonlySet<Path | undefined>, path: Path | undefined): boolean {
  for (let at = path; at !== undefined; at = at.prev) if (nulled.has(at)) return true;
  return nulled.has(undefined);
}

/** The operation's variables, coerced and capped in errors as graphql-js's execute does. */
export function coerceVariables(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  values: { readonly [variable: string]: unknown },
) {
  return getVariableValues(schema, operation.variableDefinitions ?? [], values, { maxErrors: 50 });
}

/** graphql-js's test (a `then` method), checked on objects and functions only: most values are strings or numbers. */
export function isPromise(value: unknown): value is Promise<unknown> {
  const kind = typeof value;
  return (
    (kind === 'object' || kind === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

export function nullForNonNull(info: GraphQLResolveInfo): Error {
  return new Error(`Cannot return null for non-nullable field ${info.parentType.name}.${info.fieldName}.`);
}

export function notIterable(info: GraphQLResolveInfo): GraphQLError {
  return new GraphQLError(
    `Expected Iterable, but did not find one for field "${info.parentType.name}.${info.fieldName}".`,
  );
}

export function leafNotSerialized(type: GraphQLLeafType, result: unknown, serialized: unknown): Error {
  return new Error(
    `Expected \`${inspect(type)}.serialize(${inspect(result)})\` to return non-nullable value, returned: ${inspect(serialized)}`,
  );
}

export function notOfType(type: GraphQLObjectType, result: unknown, nodes: readonly FieldNode[]): GraphQLError {
  return new GraphQLError(`Expected value of type "${type.name}" but got: ${inspect(result)}.`, { nodes });
}

/** The object type an abstract value resolved to, checked as graphql-js checks it (same messages). */
export function runtimeType(
  schema: GraphQLSchema,
  name: unknown,
  type: GraphQLAbstractType,
  nodes: readonly FieldNode[],
  info: GraphQLResolveInfo,
  result: unknown,
): GraphQLObjectType {
  const where = `for field "${info.parentType.name}.${info.fieldName}"`;
  if (name === null || name === undefined) {
    throw new GraphQLError(
      `Abstract type "${type.name}" must resolve to an Object type at runtime ${where}. Either the "${type.name}" type should provide a "resolveType" function or each possible type should provide an "isTypeOf" function.`,
      { nodes },
    );
  }
  if (typeof name !== 'string') {
    throw new GraphQLError(
      `Abstract type "${type.name}" must resolve to an Object type at runtime ${where} with value ${inspect(result)}, received "${inspect(name)}".`,
    );
  }
  const resolved = schema.getType(name);
  if (resolved === undefined || resolved === null) {
    throw new GraphQLError(
      `Abstract type "${type.name}" was resolved to a type "${name}" that does not exist inside the schema.`,
      { nodes },
    );
  }
  if (!(resolved instanceof GraphQLObjectType)) {
    throw new GraphQLError(`Abstract type "${type.name}" was resolved to a non-object type "${name}".`, { nodes });
  }
  if (!schema.isSubType(type, resolved)) {
    throw new GraphQLError(`Runtime Object type "${resolved.name}" is not a possible type for "${type.name}".`, {
      nodes,
    });
  }
  return resolved;
}
