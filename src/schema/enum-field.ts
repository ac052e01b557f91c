import type { builder } from './builder.js';
import type { DrsEnum } from './enums.js';

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/**
 * The two fields every DRS enum surfaces as: `name` (the enum, `UNKNOWN` for new values) and
 * `nameRaw` (the string DRS sent).
 */
export function enumFields<Parent>(
  t: PothosSchemaTypes.ObjectFieldBuilder<Types, Parent>,
  name: string,
  drsEnum: DrsEnum,
  read: (parent: Parent) => string | undefined | null,
  description: string,
) {
  return {
    [name]: t.field({
      type: drsEnum.ref,
      description,
      resolve: (parent, _args, ctx) => drsEnum.normalize(read(parent), ctx),
    }),
    [`${name}Raw`]: t.string({
      description: `\`${name}\` exactly as DRS sent it.`,
      resolve: (parent) => read(parent) ?? null,
    }),
  };
}
