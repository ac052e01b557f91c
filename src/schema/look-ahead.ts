import {
  type FieldNode,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLResolveInfo,
  getArgumentValues,
} from 'graphql';
import type { StructDetailType } from '../drs/types.js';
import type { ProgressDataType } from '../drs/types-v5.js';
import { collectSubfields } from '../execution/graphql-contract.js';
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
  /** Every Job field the selection reads (response names aside), to choose where the job comes from. */
  fields: Set<string>;
  progress: boolean;
  structTypes: Set<StructDetailType>;
  objectProgress: ObjectProgressNeed[];
}

/**
 * Reads which of a Job's fields backed by other APIs the operation selects, through fragments and
 * honouring @skip/@include (graphql-js's own field collection), so their calls can start together
 * with batch-detail: they need only the job id, which the arguments already give.
 */
export function jobNeeds(info: GraphQLResolveInfo, fieldNodes: readonly FieldNode[] = info.fieldNodes): JobNeeds {
  const needs: JobNeeds = { fields: new Set(), progress: false, structTypes: new Set(), objectProgress: [] };
  const job = info.schema.getType('Job') as GraphQLObjectType;
  const { structDetail, objectProgress } = job.getFields();
  const fields = collectSubfields(info.schema, info.fragments, info.variableValues, job, fieldNodes);
  for (const nodes of fields.values()) {
    for (const node of nodes) {
      needs.fields.add(node.name.value);
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
 * The field nodes that select a `Job` inside a connection field (`edges { node }` and `nodes`), for
 * `jobNeeds`: the list's resolver knows its ids only once DRS answers, but the selection now.
 */
export function connectionJobNodes(info: GraphQLResolveInfo, connection: string, edge: string): FieldNode[] {
  const { schema, fragments, variableValues } = info;
  const found: FieldNode[] = [];
  const fields = collectSubfields(
    schema,
    fragments,
    variableValues,
    schema.getType(connection) as GraphQLObjectType,
    info.fieldNodes,
  );
  for (const nodes of fields.values()) {
    const name = nodes[0]?.name.value;
    if (name === 'nodes') found.push(...nodes);
    if (name !== 'edges') continue;
    const edgeFields = collectSubfields(
      schema,
      fragments,
      variableValues,
      schema.getType(edge) as GraphQLObjectType,
      nodes,
    );
    for (const inner of edgeFields.values()) if (inner[0]?.name.value === 'node') found.push(...inner);
  }
  return found;
}

/** Job fields that need only the job's id: each is served by its own API through its loader. */
const BY_ID = ['__typename', 'id', 'progress', 'structDetail', 'objectProgress', 'logs'];
/** What batch-status answers besides the id. */
const STATUS = new Set([...BY_ID, 'status', 'statusRaw']);
/** What a tenant job list row carries (REFERENCE §15; OTC JobInfo), as Job fields. */
const ROW = new Set([
  ...STATUS,
  'name',
  'description',
  'dbUseType',
  'dbUseTypeRaw',
  'netType',
  'netTypeRaw',
  'jobDirection',
  'jobDirectionRaw',
  'taskType',
  'taskTypeRaw',
]);

/**
 * The selection asks for the status and reads nothing else batch-status does not answer. Without
 * `status` it stays with batch-detail, which also tells whether the job exists.
 */
export function statusOnly(needs: JobNeeds): boolean {
  const { fields } = needs;
  return (fields.has('status') || fields.has('statusRaw')) && [...fields].every((f) => STATUS.has(f));
}

/** The selection reads nothing a job list row does not carry. */
export function rowOnly(needs: JobNeeds): boolean {
  return [...needs.fields].every((f) => ROW.has(f));
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
