import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  getArgumentValues,
  getNamedType,
  getOperationAST,
  getVariableValues,
  isCompositeType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  type SelectionSetNode,
} from 'graphql';

/** Walking stops here whatever the cost so far: fragments spread in fragments multiply the work. */
const MAX_STEPS = 20_000;

/** What one walk found: the estimated number of field values the answer would hold. */
export interface OperationCost {
  cost: number;
  /**
   * DRS calls the fields that make one call per object would make (`extensions.drsCallsEach` on
   * the field: v5 `objectProgress`, `asyncJobBatch`); batched fields are not counted here.
   */
  calls: number;
  /** True when the walk stopped early (over `max`, or more than MAX_STEPS selections). */
  cut: boolean;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Map<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  max: number;
  cost: number;
  calls: number;
  steps: number;
}

/**
 * Estimates how many field values an operation's answer holds before anything runs: every field
 * counts once per object it is asked on, and a list's items multiply what is selected in them by the
 * list's size as the arguments give it: `ids`/`representations` by their length, a connection by
 * `first`/`last` (or the default its `first` argument declares in `extensions.defaultSize`), applied
 * to its `edges`/`nodes` only. Lists without a size argument (a job's endpoints, tags) count as one
 * item: DRS bounds them, and MAX_ANSWER_BYTES catches the rest. Variables are coerced as execution
 * will coerce them; an operation whose variables don't coerce costs 0 here (execution refuses it).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  rawVariables: Record<string, unknown> | null | undefined,
  max: number,
): OperationCost {
  const operation = getOperationAST(document, operationName);
  if (!operation) return { cost: 0, calls: 0, cut: false };
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {}, { maxErrors: 1 });
  if (coerced.errors) return { cost: 0, calls: 0, cut: false };
  const root = schema.getRootType(operation.operation);
  if (!root) return { cost: 0, calls: 0, cut: false };
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === 'FragmentDefinition') fragments.set(definition.name.value, definition);
  }
  const walk: Walk = { schema, fragments, variables: coerced.coerced, max, cost: 0, calls: 0, steps: 0 };
  const finished = selections(walk, operation.selectionSet, root, 1, 1);
  return { cost: walk.cost, calls: walk.calls, cut: !finished };
}

/**
 * Adds the cost of one selection set asked on `count` objects of `type`; `items` is the size of the
 * connection `type` is (1 otherwise). False once the walk is over its bounds.
 */
function selections(
  walk: Walk,
  set: SelectionSetNode,
  type: GraphQLCompositeType,
  count: number,
  items: number,
): boolean {
  for (const selection of set.selections) {
    if (++walk.steps > MAX_STEPS) return false;
    if (selection.kind === 'Field') {
      if (!field(walk, selection, type, count, items)) return false;
      continue;
    }
    const fragment = selection.kind === 'FragmentSpread' ? walk.fragments.get(selection.name.value) : selection;
    if (!fragment) continue;
    const condition = fragment.typeCondition ? walk.schema.getType(fragment.typeCondition.name.value) : type;
    const on = condition && isCompositeType(condition) ? condition : type;
    if (!selections(walk, fragment.selectionSet, on, count, items)) return false;
  }
  return true;
}

function field(walk: Walk, node: FieldNode, type: GraphQLCompositeType, count: number, items: number): boolean {
  // Inside a connection, only the edges (or nodes) come `items` times.
  const name = node.name.value;
  const here = items !== 1 && (name === 'edges' || name === 'nodes') ? count * items : count;
  walk.cost += here;
  if (walk.cost > walk.max) return false;
  if (!node.selectionSet || !(isObjectType(type) || isInterfaceType(type))) return true;
  const def = type.getFields()[name];
  if (!def) return true;
  const each = def.extensions?.drsCallsEach;
  if (typeof each === 'number') walk.calls += here * each;
  const child = getNamedType(def.type);
  if (!isCompositeType(child)) return true;
  const size = listSize(walk, def, node);
  const listed = isListType(isNonNullType(def.type) ? def.type.ofType : def.type);
  // A list field multiplies its items' fields; a connection passes its size on to its edges.
  return listed
    ? selections(walk, node.selectionSet, child, here * size, 1)
    : selections(walk, node.selectionSet, child, here, size);
}

/** The number of items the arguments ask for; 1 for a field with no size argument. */
function listSize(walk: Walk, def: GraphQLField<unknown, unknown>, node: FieldNode): number {
  if (def.args.length === 0) return 1;
  let args: Record<string, unknown>;
  try {
    args = getArgumentValues(def, node, walk.variables);
  } catch {
    return 1; // execution refuses the same arguments with graphql-js's own message
  }
  for (const key of ['ids', 'representations']) {
    const value = args[key];
    if (Array.isArray(value)) return value.length;
  }
  const first = args.first;
  const last = args.last;
  if (typeof first === 'number' || typeof last === 'number') {
    return Math.max(typeof first === 'number' ? first : 0, typeof last === 'number' ? last : 0, 0);
  }
  const declared = def.args.find((arg) => arg.name === 'first')?.extensions?.defaultSize;
  return typeof declared === 'number' ? declared : 1;
}
