import type { ArgBuilder } from '@pothos/core';
import type { builder } from './builder.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** `first`/`after` (and, when `backward`, `last`/`before`): the same arguments on every list. */
export function pageArgs(t: ArgBuilder<Types>, maxSize: number, defaultSize: number) {
  return {
    ...forwardArgs(t, maxSize, defaultSize),
    last: t.int({ description: `Edges before \`before\` (or the list's end), at most ${maxSize}.` }),
    before: t.string({ description: 'A cursor from this list; edges before it.' }),
  };
}

export function forwardArgs(t: ArgBuilder<Types>, maxSize: number, defaultSize: number) {
  return {
    first: t.int({
      description: `Edges after \`after\`, 0 to ${maxSize}; default ${defaultSize}.`,
      // The operation-cost estimate (src/limits/operation-cost.ts) counts an omitted `first` as this.
      extensions: { defaultSize },
    }),
    after: t.string({ description: 'A cursor from this list (an `endCursor`); edges after it.' }),
  };
}
