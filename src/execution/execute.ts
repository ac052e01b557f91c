import {
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  getOperationAST,
  type OperationDefinitionNode,
  visit,
} from 'graphql';
import { addError, executeFields, type Run } from './complete.js';
import { coerceVariables } from './graphql-contract.js';
import { conditionVariables, type FieldPlan, type PlanScope, rootPlans } from './plan.js';

/** What a document's operation needs, worked out once per document and operation name. */
interface PreparedOperation {
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
  /** Variables that decide `@skip`/`@include`: their values pick one of `roots`. */
  conditions: string[];
  roots: Map<string, FieldPlan[]>;
}

const prepared = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, PreparedOperation | null>>>();

/**
 * The operation this executor runs, or undefined when graphql-js must run it instead: anything but a
 * query (mutations run serially, subscriptions stream), a missing or ambiguous operation (graphql-js
 * words that error), custom field/type resolvers, or `@defer`/`@stream`.
 */
export function prepareOperation(args: ExecutionArgs): PreparedOperation | undefined {
  if (args.fieldResolver || args.typeResolver) return undefined;
  let byDocument = prepared.get(args.schema);
  if (!byDocument) {
    byDocument = new WeakMap();
    prepared.set(args.schema, byDocument);
  }
  let byName = byDocument.get(args.document);
  if (!byName) {
    byName = new Map();
    byDocument.set(args.document, byName);
  }
  const name = args.operationName ?? '';
  let entry = byName.get(name);
  if (entry === undefined) {
    const operation = getOperationAST(args.document, args.operationName);
    if (operation?.operation !== 'query' || incremental(args.document)) {
      byName.set(name, null);
      return undefined;
    }
    const fragments: Record<string, FragmentDefinitionNode> = {};
    for (const definition of args.document.definitions) {
      if (definition.kind === 'FragmentDefinition') fragments[definition.name.value] = definition;
    }
    entry = { operation, fragments, conditions: conditionVariables(operation, fragments), roots: new Map() };
    byName.set(name, entry);
  }
  return entry ?? undefined;
}

/** Runs a prepared query: variables coerced as graphql-js does, then planned fields from the root. */
export function executePrepared(
  entry: PreparedOperation,
  args: ExecutionArgs,
  limits: AnswerLimits = {},
): ExecutionResult | Promise<ExecutionResult> {
  const { schema } = args;
  const coerced = coerceVariables(schema, entry.operation, args.variableValues ?? {});
  if (coerced.errors) return { errors: coerced.errors };
  const scope: PlanScope = {
    schema,
    fragments: entry.fragments,
    variables: coerced.coerced,
  };
  const rootType = schema.getQueryType()!;
  const signature = entry.conditions.map((name) => String(coerced.coerced[name])).join(',');
  let roots = entry.roots.get(signature);
  if (!roots) {
    roots = rootPlans(scope, rootType, entry.operation);
    entry.roots.set(signature, roots);
  }
  const run: Run = {
    scope,
    operation: entry.operation,
    rootValue: args.rootValue,
    context: args.contextValue,
    errors: [],
    nulled: new Set(),
    bytes: 0,
    maxBytes: limits.maxAnswerBytes ?? Number.POSITIVE_INFINITY,
    maxErrors: limits.maxErrors ?? Number.POSITIVE_INFINITY,
    omitted: 0,
  };
  try {
    const data = executeFields(run, rootType, args.rootValue, roots, undefined);
    if (data instanceof Promise) {
      return data.then(
        (settled) => response(run, settled),
        (error: GraphQLError) => {
          addError(run, error, undefined);
          return response(run, null);
        },
      );
    }
    return response(run, data);
  } catch (error) {
    addError(run, error as GraphQLError, undefined);
    return response(run, null);
  }
}

/** Bounds on one answer (MAX_ANSWER_BYTES, MAX_ERRORS); unbounded when left out. */
export interface AnswerLimits {
  maxAnswerBytes?: number;
  maxErrors?: number;
}

function response(run: Run, data: Record<string, unknown> | null): ExecutionResult {
  if (run.omitted > 0) run.errors.push(omittedError(run.omitted, run.maxErrors));
  return run.errors.length === 0 ? { data } : { errors: run.errors, data };
}

function omittedError(omitted: number, max: number): GraphQLError {
  return new GraphQLError(
    `${omitted} more fields failed and are null without an error of their own: an answer lists at most ${max} (MAX_ERRORS)`,
    { extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'MAX_ERRORS', omitted, retryable: false } },
  );
}

/** Whether the document uses `@defer` or `@stream` anywhere (graphql-js streams those answers). */
function incremental(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'defer' || node.name.value === 'stream') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}
