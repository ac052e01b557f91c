import {
  type ASTVisitor,
  BREAK,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLLeafType,
  GraphQLNonNull,
  type GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  isLeafType,
  Kind,
  type OperationDefinitionNode,
  visit,
} from 'graphql';
// graphql-js's own field collection and field lookup, so fragments, @skip/@include and meta fields
// behave exactly as in its executor.
import {
  collectFields,
  collectSubfields,
  defaultFieldResolver,
  getArgumentValues,
  getFieldDef,
} from './graphql-contract.js';

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
}

/** The plans of the operation's root selection, in answer order. */
export function rootPlans(scope: PlanScope, type: GraphQLObjectType, operation: OperationDefinitionNode): FieldPlan[] {
  return plansOf(
    scope,
    type,
    collectFields(scope.schema, scope.fragments, scope.variables, type, operation.selectionSet),
  );
}

/** The sub-plans of `plan` for a value whose runtime type is `type`. */
export function childPlans(scope: PlanScope, plan: FieldPlan, type: GraphQLObjectType): FieldPlan[] {
  let plans = plan.children.get(type);
  if (!plans) {
    plans = plansOf(scope, type, collectSubfields(scope.schema, scope.fragments, scope.variables, type, plan.nodes));
    plan.children.set(type, plans);
  }
  return plans;
}

function plansOf(
  scope: PlanScope,
  type: GraphQLObjectType,
  grouped: Map<string, ReadonlyArray<FieldNode>>,
): FieldPlan[] {
  const plans: FieldPlan[] = [];
  for (const [key, nodes] of grouped) {
    const def = getFieldDef(scope.schema, type, nodes[0]!);
    // graphql-js leaves out a key whose field the type does not have (graphql-contract.ts).
    if (!def) continue;
    plans.push({
      key,
      def,
      nodes,
      resolve: def.resolve ?? defaultFieldResolver,
      args: usesVariables(nodes[0]!) ? undefined : getArgumentValues(def, nodes[0]!, {}),
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

/** True when a field's arguments mention a variable anywhere. */
function usesVariables(field: FieldNode): boolean {
  let found = false;
  for (const argument of field.arguments ?? []) {
    visit(argument, {
      Variable() {
        found = true;
        return BREAK;
      },
    });
  }
  return found;
}

/** The variables whose values decide a `@skip`/`@include` anywhere in the operation or its fragments. */
export function conditionVariables(
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): string[] {
  const names = new Set<string>();
  const visitor: ASTVisitor = {
    Directive(directive) {
      if (directive.name.value !== 'skip' && directive.name.value !== 'include') return;
      for (const { value } of directive.arguments ?? []) if (value.kind === Kind.VARIABLE) names.add(value.name.value);
    },
  };
  for (const node of [operation, ...Object.values(fragments)]) visit(node, visitor);
  return [...names].sort();
}
