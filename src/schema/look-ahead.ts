import { type GraphQLObjectType, type GraphQLResolveInfo, getArgumentValues } from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields.js';
import type { StructDetailType } from '../drs/types.js';

/** What a selection of `Job` asks of the APIs other than batch-detail. */
export interface JobNeeds {
  progress: boolean;
  structTypes: Set<StructDetailType>;
}

/**
 * Reads which of a Job's batch-backed fields the operation selects, through fragments and
 * honouring @skip/@include (graphql-js's own field collection), so their batch calls can start
 * together with batch-detail.
 */
export function jobNeeds(info: GraphQLResolveInfo): JobNeeds {
  const needs: JobNeeds = { progress: false, structTypes: new Set() };
  const job = info.schema.getType('Job') as GraphQLObjectType;
  const structField = job.getFields().structDetail!;
  const fields = collectSubfields(info.schema, info.fragments, info.variableValues, job, info.fieldNodes);
  for (const nodes of fields.values()) {
    for (const node of nodes) {
      if (node.name.value === 'progress') needs.progress = true;
      if (node.name.value === 'structDetail') {
        const { type } = getArgumentValues(structField, node, info.variableValues) as { type?: StructDetailType };
        if (type) needs.structTypes.add(type);
      }
    }
  }
  return needs;
}
