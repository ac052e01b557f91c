import {
  type FieldNode,
  GraphQLIncludeDirective,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { StructDetailType } from '../drs/types.js';

/** What a selection of `Job` asks of the APIs other than batch-detail. */
export interface JobNeeds {
  progress: boolean;
  structTypes: Set<StructDetailType>;
}

/**
 * Reads which of a Job's batch-backed fields the operation selects, through fragments and
 * honouring @skip/@include, so their batch calls can start together with batch-detail.
 */
export function jobNeeds(info: GraphQLResolveInfo): JobNeeds {
  const needs: JobNeeds = { progress: false, structTypes: new Set() };
  const job = info.schema.getType('Job') as GraphQLObjectType;
  const structField = job.getFields().structDetail!;
  const visit = (set: SelectionSetNode | undefined, seen: Set<string>) => {
    for (const node of set?.selections ?? []) {
      if (!included(node, info)) continue;
      if (node.kind === Kind.FIELD) {
        if (node.name.value === 'progress') needs.progress = true;
        if (node.name.value === 'structDetail') {
          const { type } = getArgumentValues(structField, node, info.variableValues) as { type?: StructDetailType };
          if (type) needs.structTypes.add(type);
        }
      } else if (node.kind === Kind.INLINE_FRAGMENT) {
        if (appliesToJob(node.typeCondition?.name.value)) visit(node.selectionSet, seen);
      } else if (!seen.has(node.name.value)) {
        const fragment = info.fragments[node.name.value];
        if (fragment && appliesToJob(fragment.typeCondition.name.value)) {
          visit(fragment.selectionSet, new Set(seen).add(node.name.value));
        }
      }
    }
  };
  for (const field of info.fieldNodes) visit(field.selectionSet, new Set());
  return needs;
}

function appliesToJob(typeName: string | undefined): boolean {
  return typeName === undefined || typeName === 'Job';
}

function included(node: FieldNode | { directives?: FieldNode['directives'] }, info: GraphQLResolveInfo): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, info.variableValues);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, info.variableValues);
  return include?.if !== false;
}
