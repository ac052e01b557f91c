import {
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  getArgumentValues,
} from 'graphql';
import { collectSubfields } from 'graphql/execution/collectFields.js';
import type { StructDetailType } from '../drs/types.js';
import type { ProgressDataType } from '../drs/types-v5.js';
import { type ObjectProgressArgs, objectProgressRequest } from './object-progress-args.js';
import { firstPages } from './paging.js';

/** One `objectProgress` selection: the progress-data pages its resolver will ask for first. */
export interface ObjectProgressNeed {
  type: ProgressDataType;
  searchName: string | undefined;
  pages: { offset: number; limit: number }[];
}

/** What a selection of `Job` asks of the APIs other than batch-detail. */
export interface JobNeeds {
  progress: boolean;
  structTypes: Set<StructDetailType>;
  objectProgress: ObjectProgressNeed[];
}

/**
 * Reads which of a Job's fields backed by other APIs the operation selects, through fragments and
 * honouring @skip/@include (graphql-js's own field collection), so their calls can start together
 * with batch-detail: they need only the job id, which the arguments already give.
 */
export function jobNeeds(info: GraphQLResolveInfo): JobNeeds {
  const needs: JobNeeds = { progress: false, structTypes: new Set(), objectProgress: [] };
  const job = info.schema.getType('Job') as GraphQLObjectType;
  const { structDetail, objectProgress } = job.getFields();
  const fields = collectSubfields(info.schema, info.fragments, info.variableValues, job, info.fieldNodes);
  for (const nodes of fields.values()) {
    for (const node of nodes) {
      if (node.name.value === 'progress') needs.progress = true;
      if (node.name.value === 'structDetail') {
        const { type } = getArgumentValues(structDetail!, node, info.variableValues) as { type?: StructDetailType };
        if (type) needs.structTypes.add(type);
      }
      if (node.name.value === 'objectProgress') {
        const need = objectProgressNeed(objectProgress!, node, info.variableValues);
        if (need) needs.objectProgress.push(need);
      }
    }
  }
  return needs;
}

/**
 * The pages `objectProgress` will fetch first, from the same reading of its arguments as its resolver.
 * Arguments it will reject fetch nothing: the field reports them when it resolves.
 */
function objectProgressNeed(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): ObjectProgressNeed | undefined {
  const args = getArgumentValues(field, node, variables) as Partial<ObjectProgressArgs>;
  if (!args.type) return undefined;
  try {
    const { type, searchName, window } = objectProgressRequest(args as ObjectProgressArgs);
    return { type, searchName, pages: firstPages(window) };
  } catch {
    return undefined;
  }
}
