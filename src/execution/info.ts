import type { GraphQLObjectType, GraphQLResolveInfo } from 'graphql';
import type { FieldPlan, PlanScope } from './plan.js';

type Path = GraphQLResolveInfo['path'];

/** What every `info` of one execution shares. */
export interface InfoScope {
  scope: PlanScope;
  operation: GraphQLResolveInfo['operation'];
  rootValue: unknown;
}

/**
 * `info` for one resolver call. One is built for every field of an answer (most of the executor's
 * allocation), so it holds only what differs per call; the rest is read through getters from the
 * plan and the run, and `path` is built the first time something asks for it (a leaf field's
 * resolver rarely does; an error does). graphql-js builds ten properties and the path every time.
 * Own enumerable properties are only `parentType`: spreading an `info` (`{...info}`) does not copy it.
 */
export class PlannedInfo {
  readonly #run: InfoScope;
  readonly #plan: FieldPlan;
  readonly #parentPath: Path | undefined;
  #path: Path | undefined;

  constructor(run: InfoScope, plan: FieldPlan, parentType: GraphQLObjectType, parentPath: Path | undefined) {
    this.#run = run;
    this.#plan = plan;
    this.parentType = parentType;
    this.#parentPath = parentPath;
  }

  readonly parentType: GraphQLObjectType;

  get path(): Path {
    this.#path ??= { prev: this.#parentPath, key: this.#plan.key, typename: this.parentType.name };
    return this.#path;
  }
  get fieldName() {
    return this.#plan.def.name;
  }
  get fieldNodes() {
    return this.#plan.nodes;
  }
  get returnType() {
    return this.#plan.def.type;
  }
  get schema() {
    return this.#run.scope.schema;
  }
  get fragments() {
    return this.#run.scope.fragments;
  }
  get rootValue() {
    return this.#run.rootValue;
  }
  get operation() {
    return this.#run.operation;
  }
  get variableValues() {
    return this.#run.scope.variables;
  }

  /** As graphql-js's `GraphQLResolveInfo` (graphql-tools' typings add helpers graphql-js never passes). */
  asResolveInfo(): GraphQLResolveInfo {
    return this as unknown as GraphQLResolveInfo;
  }
}
