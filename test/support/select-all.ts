import {
  type GraphQLField,
  type GraphQLObjectType,
  getNamedType,
  isEnumType,
  isNonNullType,
  isObjectType,
  isScalarType,
} from 'graphql';

/**
 * A selection set of every field reachable from `type` (to `depth` levels), so tests cover fields
 * added later too. Required enum arguments get their first value.
 */
export function selectAll(type: GraphQLObjectType, depth = 4): string {
  const parts: string[] = [];
  for (const field of Object.values(type.getFields())) {
    const args = argumentsFor(field);
    if (args === undefined) continue;
    const named = getNamedType(field.type);
    if (isObjectType(named)) {
      if (depth > 1) parts.push(`${field.name}${args} { ${selectAll(named, depth - 1)} }`);
    } else {
      parts.push(`${field.name}${args}`);
    }
  }
  return parts.join(' ');
}

function argumentsFor(field: GraphQLField<unknown, unknown>): string | undefined {
  const values: string[] = [];
  for (const arg of field.args) {
    if (!isNonNullType(arg.type)) continue;
    const named = getNamedType(arg.type);
    if (isEnumType(named)) values.push(`${arg.name}: ${named.getValues()[0]!.name}`);
    else if (!isScalarType(named)) return undefined;
    else return undefined;
  }
  return values.length > 0 ? `(${values.join(', ')})` : '';
}
