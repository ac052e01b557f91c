import {
  type FieldNode,
  type GraphQLAbstractType,
  GraphQLError,
  type GraphQLLeafType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLResolveInfo,
  isLeafType,
  type OperationDefinitionNode,
} from 'graphql';
import {
  defaultTypeResolver,
  droppedError,
  getArgumentValues,
  isPromise,
  leafNotSerialized,
  locatedError,
  notIterable,
  notOfType,
  nullForNonNull,
  responsePathAsArray,
  runtimeType,
} from './graphql-contract.js';
import { PlannedInfo } from './info.js';
import { childPlans, type FieldPlan, type PlanScope } from './plan.js';

/** One execution: what every resolver shares, and the errors gathered so far. */
export interface Run {
  scope: PlanScope;
  operation: OperationDefinitionNode;
  rootValue: unknown;
  context: unknown;
  errors: GraphQLError[];
  /** Positions already nulled by an error: later errors at or below them are dropped (graphql-contract.ts). */
  nulled: Set<Path | undefined>;
  /** The answer's size so far, estimated as its JSON: keys, values and errors. */
  bytes: number;
  /** MAX_ANSWER_BYTES: past it, every field still to run is null, with one error that says why. */
  maxBytes: number;
  /** MAX_ERRORS: past it, failed fields are null without an error of their own. */
  maxErrors: number;
  /** Field errors left out past `maxErrors`; one error at the end of the list counts them. */
  omitted: number;
  /** That one error, once the answer went over, and whether it is in `errors` yet. */
  cut?: GraphQLError;
  cutReported?: boolean;
}

type Path = GraphQLResolveInfo['path'];
type Answer = Record<string, unknown>;

/**
 * Executes planned fields on one object, as graphql-js's executeFields does, but into a plain object
 * literal (fast to serialise) whose keys are set in selection order before any promise settles.
 */
export function executeFields(
  run: Run,
  type: GraphQLObjectType,
  source: unknown,
  plans: readonly FieldPlan[],
  path: Path | undefined,
): Answer | Promise<Answer> {
  const answer: Answer = {};
  let pending: Promise<void>[] | undefined;
  for (const plan of plans) {
    const value = executeField(run, type, source, plan, path);
    if (isPromise(value)) {
      answer[plan.key] = null;
      pending ??= [];
      pending.push(settleInto(answer, plan.key, value));
    } else {
      answer[plan.key] = value;
    }
  }
  return pending ? whenAll(pending, answer) : answer;
}

// The closures live in these helpers, not in the hot functions: V8 allocates a context for every call
// (and every loop iteration) of a function whose variables a closure captures, even when the closure
// is never created, and that was a good part of all the executor's allocation.

function settleInto(target: Answer | unknown[], key: string | number, value: Promise<unknown>): Promise<void> {
  return value.then((settled) => {
    (target as Record<string | number, unknown>)[key] = settled;
  });
}

function whenAll<T>(pending: Promise<void>[], answer: T): Promise<T> {
  return Promise.all(pending).then(() => answer);
}

function executeField(
  run: Run,
  parentType: GraphQLObjectType,
  source: unknown,
  plan: FieldPlan,
  parentPath: Path | undefined,
): unknown {
  const returnType = plan.def.type;
  run.bytes += plan.key.length + 4;
  if (run.bytes > run.maxBytes) return overBudget(run, returnType, plan, parentType, parentPath);
  const planned = new PlannedInfo(run, plan, parentType, parentPath);
  const info = planned.asResolveInfo();
  try {
    const args = plan.args ?? getArgumentValues(plan.def, plan.nodes[0]!, run.scope.variables);
    const result = plan.resolve(source, args, run.context, info);
    // Scalars and enums, most of any answer: no need to walk the type (same checks, same messages).
    if (plan.leaf !== undefined && !isPromise(result) && !(result instanceof Error)) {
      if (result === null || result === undefined) {
        if (plan.leafRequired) throw nullForNonNull(info);
        return null;
      }
      return completeLeaf(run, plan.leaf, result);
    }
    const path = planned.path;
    const completed = isPromise(result)
      ? completeLater(run, returnType, plan, info, path, result)
      : completeValue(run, returnType, plan, info, path, result);
    return isPromise(completed) ? catchFieldError(run, completed, returnType, plan.nodes, path) : completed;
  } catch (error) {
    return fieldError(run, error, returnType, plan.nodes, planned.path);
  }
}

function completeLater(
  run: Run,
  type: GraphQLOutputType,
  plan: FieldPlan,
  info: GraphQLResolveInfo,
  path: Path,
  result: Promise<unknown>,
): Promise<unknown> {
  return result.then((resolved) => completeValue(run, type, plan, info, path, resolved));
}

function catchFieldError(
  run: Run,
  completed: Promise<unknown>,
  type: GraphQLOutputType,
  nodes: readonly FieldNode[],
  path: Path,
): Promise<unknown> {
  return completed.then(undefined, (error) => fieldError(run, error, type, nodes, path));
}

/** A failed field is null with an error, unless its type is non-null: then the parent fails instead. */
function fieldError(run: Run, raw: unknown, type: GraphQLOutputType, nodes: readonly FieldNode[], path: Path): null {
  // Past MAX_ERRORS, a nullable field fails without building an error (each costs a stack and a
  // location): thousands of aliased fields past a budget would otherwise be most of the work.
  if (run.errors.length >= run.maxErrors && !(type instanceof GraphQLNonNull)) {
    run.omitted++;
    return null;
  }
  const error = locatedError(raw, nodes, responsePathAsArray(path));
  if (type instanceof GraphQLNonNull) throw error;
  addError(run, error, path);
  return null;
}

/** Records an error unless its position (or a parent's) was already nulled by an earlier one. */
export function addError(run: Run, error: GraphQLError, path: Path | undefined): void {
  if (droppedError(run.nulled, path)) return;
  run.nulled.add(path);
  // One error tells of the cut; the fields nulled after it are its doing too.
  if (run.cut !== undefined && error.originalError === run.cut) {
    if (run.cutReported) return;
    run.cutReported = true;
  }
  run.bytes += error.message.length + 120;
  run.errors.push(error);
}

function completeValue(
  run: Run,
  type: GraphQLOutputType,
  plan: FieldPlan,
  info: GraphQLResolveInfo,
  path: Path,
  result: unknown,
): unknown {
  if (result instanceof Error) throw result;
  if (type instanceof GraphQLNonNull) {
    const completed = completeValue(run, type.ofType, plan, info, path, result);
    if (completed === null) throw nullForNonNull(info);
    return completed;
  }
  if (result === null || result === undefined) return null;
  if (type instanceof GraphQLList) return completeList(run, type, plan, info, path, result);
  if (isLeafType(type)) return completeLeaf(run, type, result);
  if (type instanceof GraphQLObjectType) return completeObject(run, type, plan, info, path, result);
  return completeAbstract(run, type as GraphQLAbstractType, plan, info, path, result);
}

function completeList(
  run: Run,
  type: GraphQLList<GraphQLOutputType>,
  plan: FieldPlan,
  info: GraphQLResolveInfo,
  path: Path,
  result: unknown,
): unknown {
  if (typeof result !== 'object' || typeof (result as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    throw notIterable(info);
  }
  const itemType = type.ofType;
  const answer: unknown[] = [];
  let pending: Promise<void>[] | undefined;
  let index = 0;
  for (const item of result as Iterable<unknown>) {
    const itemPath: Path = { prev: path, key: index++, typename: undefined };
    try {
      const completed = isPromise(item)
        ? completeLater(run, itemType, plan, info, itemPath, item)
        : completeValue(run, itemType, plan, info, itemPath, item);
      if (isPromise(completed)) {
        answer.push(null);
        pending ??= [];
        pending.push(settleInto(answer, itemPath.key, catchFieldError(run, completed, itemType, plan.nodes, itemPath)));
      } else {
        answer.push(completed);
      }
    } catch (error) {
      answer.push(fieldError(run, error, itemType, plan.nodes, itemPath));
    }
  }
  return pending ? whenAll(pending, answer) : answer;
}

function completeLeaf(run: Run, type: GraphQLLeafType, result: unknown): unknown {
  const serialized = type.serialize(result);
  if (serialized === null || serialized === undefined) {
    throw leafNotSerialized(type, result, serialized);
  }
  run.bytes += typeof serialized === 'string' ? serialized.length + 2 : 8;
  return serialized;
}

/**
 * A field reached after the answer went over MAX_ANSWER_BYTES: null, as a failed field is (its
 * non-null parents fail with it), and the first such field carries the one error of the cut.
 */
function overBudget(
  run: Run,
  type: GraphQLOutputType,
  plan: FieldPlan,
  parentType: GraphQLObjectType,
  parentPath: Path | undefined,
): null {
  run.cut ??= new GraphQLError(
    `The answer reached ${run.maxBytes} bytes (MAX_ANSWER_BYTES); this field and those after it are null. Ask for fewer jobs, smaller pages or fewer fields.`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_ANSWER_BYTES', retryable: false } },
  );
  const path: Path = { prev: parentPath, key: plan.key, typename: parentType.name };
  return fieldError(run, run.cut, type, plan.nodes, path);
}

function completeObject(
  run: Run,
  type: GraphQLObjectType,
  plan: FieldPlan,
  info: GraphQLResolveInfo,
  path: Path,
  result: unknown,
): unknown {
  const plans = childPlans(run.scope, plan, type);
  if (type.isTypeOf) {
    const matches = type.isTypeOf(result, run.context, info);
    if (isPromise(matches)) return fieldsIfOfType(run, type, plan, plans, path, result, matches);
    if (!matches) throw notOfType(type, result, plan.nodes);
  }
  return executeFields(run, type, result, plans, path);
}

function fieldsIfOfType(
  run: Run,
  type: GraphQLObjectType,
  plan: FieldPlan,
  plans: FieldPlan[],
  path: Path,
  result: unknown,
  matches: Promise<boolean>,
): Promise<unknown> {
  return matches.then((resolved) => {
    if (!resolved) throw notOfType(type, result, plan.nodes);
    return executeFields(run, type, result, plans, path);
  });
}

function completeAbstract(
  run: Run,
  type: GraphQLAbstractType,
  plan: FieldPlan,
  info: GraphQLResolveInfo,
  path: Path,
  result: unknown,
): unknown {
  const resolveType = type.resolveType ?? defaultTypeResolver;
  const runtime = resolveType(result, run.context, info, type);
  if (isPromise(runtime)) return completeResolvedType(run, type, plan, info, path, result, runtime);
  return completeObject(
    run,
    runtimeType(run.scope.schema, runtime, type, plan.nodes, info, result),
    plan,
    info,
    path,
    result,
  );
}

function completeResolvedType(
  run: Run,
  type: GraphQLAbstractType,
  plan: FieldPlan,
  info: GraphQLResolveInfo,
  path: Path,
  result: unknown,
  runtime: Promise<unknown>,
): Promise<unknown> {
  return runtime.then((name) =>
    completeObject(run, runtimeType(run.scope.schema, name, type, plan.nodes, info, result), plan, info, path, result),
  );
}
