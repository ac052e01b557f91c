import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';

/** The SDL committed as schema.graphql; sorted so that moving code around never shows as a change. */
export function printSdl(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
