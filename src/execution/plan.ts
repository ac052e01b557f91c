import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  GraphQLIncludeDirective,
  type GraphQLLeafType,
  GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  isAbstractType,
  isLeafType,
  type OperationDefinitionNode,
  SchemaMetaFieldDef,
  type SelectionSetNode,
  TypeMetaFieldDef,
  TypeNameMetaFieldDef,
} from 'graphql';

/**
 * What one response key of a selection set runs: worked out once per operation (and per set of
 * `@skip`/`@include` outcomes), so executing a query only calls resolvers and completes values.
 */
export interface FieldPlan {
  /** Alias or field name: the key in the answer. */
  key: string;
  def: GraphQLField<unknown, unknown>;
  /** Every node that asked for this key (fragments can repeat a field), as `info.fieldNodes`. */
  nodes: readonly FieldNode[];
  resolve: GraphQLFieldResolver<unknown, unknown>;
  /** Arguments, coerced once when they use no variables; otherwise coerced per execution. */
  args: Record<string, unknown> | undefined;
  /** Sub-selections by runtime object type, built the first time a value of that type completes. */
  children: Map<GraphQLObjectType, FieldPlan[]>;
  /** Set when the field is a scalar or enum (possibly non-null): completion is then one serialize call. */
  leaf: GraphQLLeafType | undefined;
  /** The leaf field is non-null. */
  leafRequired: boolean;
}

/** The operation-wide facts a plan is built from. */
export interface PlanScope {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Coerced variables; only the ones `@skip`/`@include` read are part of the plan's cache key. */
  variables: Record<string, unknown>;
  fieldResolver: GraphQLFieldResolver<unknown, unknown>;
}

/** The plans of a selection (merged over all nodes) for one object type, in answer order. */
export function planSelection(
  scope: PlanScope,
  type: GraphQLObjectType,
  selectionSets: readonly SelectionSetNode[],
): FieldPlan[] {
  const grouped = new Map<string, FieldNode[]>();
  const visited = new Set<string>();
  for (const set of selectionSets) collect(scope, type, set, grouped, visited);
  const plans: FieldPlan[] = [];
  for (const [key, nodes] of grouped) {
    const def = fieldDefinition(scope.schema, type, nodes[0]!.name.value);
    // graphql-js leaves out a key whose field the type does not have (validation rules it out).
    if (!def) continue;
    plans.push({
      key,
      def,
      nodes,
      resolve: def.resolve ?? scope.fieldResolver,
      args: usesVariables(nodes[0]!.arguments) ? undefined : getArgumentValues(def, nodes[0]!, {}),
      children: new Map(),
      ...leafOf(def.type),
    });
  }
  return plans;
}

function leafOf(type: GraphQLOutputType): Pick<FieldPlan, 'leaf' | 'leafRequired'> {
  const required = type instanceof GraphQLNonNull;
  const inner = required ? type.ofType : type;
  return isLeafType(inner) ? { leaf: inner, leafRequired: required } : { leaf: undefined, leafRequired: false };
}

/** The sub-plans of `plan` for a value whose runtime type is `type`. */
export function childPlans(scope: PlanScope, plan: FieldPlan, type: GraphQLObjectType): FieldPlan[] {
  let plans = plan.children.get(type);
  if (!plans) {
    const sets: SelectionSetNode[] = [];
    for (const node of plan.nodes) if (node.selectionSet) sets.push(node.selectionSet);
    plans = planSelection(scope, type, sets);
    plan.children.set(type, plans);
  }
  return plans;
}

/** graphql-js's CollectFields: fragments flattened, conditions applied, fields grouped by key in order. */
function collect(
  scope: PlanScope,
  type: GraphQLObjectType,
  set: SelectionSetNode,
  grouped: Map<string, FieldNode[]>,
  visited: Set<string>,
): void {
  for (const selection of set.selections) {
    if (!included(scope, selection)) continue;
    if (selection.kind === 'Field') {
      const key = selection.alias?.value ?? selection.name.value;
      const nodes = grouped.get(key);
      if (nodes) nodes.push(selection);
      else grouped.set(key, [selection]);
    } else if (selection.kind === 'InlineFragment') {
      if (!appliesTo(scope, selection.typeCondition?.name.value, type)) continue;
      collect(scope, type, selection.selectionSet, grouped, visited);
    } else {
      const name = selection.name.value;
      if (visited.has(name)) continue;
      visited.add(name);
      const fragment = scope.fragments[name];
      if (!fragment || !appliesTo(scope, fragment.typeCondition.name.value, type)) continue;
      collect(scope, type, fragment.selectionSet, grouped, visited);
    }
  }
}

function included(scope: PlanScope, node: Parameters<typeof getDirectiveValues>[1]): boolean {
  if (!node.directives?.length) return true;
  if (getDirectiveValues(GraphQLSkipDirective, node, scope.variables)?.if === true) return false;
  return getDirectiveValues(GraphQLIncludeDirective, node, scope.variables)?.if !== false;
}

function appliesTo(scope: PlanScope, condition: string | undefined, type: GraphQLObjectType): boolean {
  if (condition === undefined) return true;
  const conditionType = scope.schema.getType(condition);
  if (conditionType === type) return true;
  return conditionType !== undefined && isAbstractType(conditionType) && scope.schema.isSubType(conditionType, type);
}

/** Like graphql-js: the meta fields first (`__schema`/`__type` on the query root only), then the type's own. */
function fieldDefinition(
  schema: GraphQLSchema,
  type: GraphQLObjectType,
  name: string,
): GraphQLField<unknown, unknown> | undefined {
  if (name === '__typename') return TypeNameMetaFieldDef;
  if (type === schema.getQueryType()) {
    if (name === '__schema') return SchemaMetaFieldDef;
    if (name === '__type') return TypeMetaFieldDef;
  }
  return type.getFields()[name];
}

/** True when an AST value (arguments, directives) mentions a variable anywhere; `loc` is skipped. */
function usesVariables(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesVariables);
  if (typeof value !== 'object' || value === null) return false;
  if ((value as { kind?: string }).kind === 'Variable') return true;
  for (const [field, child] of Object.entries(value)) if (field !== 'loc' && usesVariables(child)) return true;
  return false;
}

/** The variables whose values decide a `@skip`/`@include` anywhere in the operation or its fragments. */
export function conditionVariables(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): string[] {
  const names = new Set<string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    const node = value as { kind?: string; name?: { value: string }; arguments?: unknown[] };
    if (node.kind === 'Directive' && (node.name?.value === 'skip' || node.name?.value === 'include')) {
      for (const argument of node.arguments ?? []) {
        const argValue = (argument as { value: { kind: string; name?: { value: string } } }).value;
        if (argValue.kind === 'Variable') names.add(argValue.name!.value);
      }
      return;
    }
    for (const [field, child] of Object.entries(node)) if (field !== 'loc') visit(child);
  };
  visit(operation);
  visit(Object.values(fragments));
  return [...names].sort();
}
