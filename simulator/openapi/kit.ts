/** Small builders for the JSON Schema (2020-12) objects of the OpenAPI 3.1 document. */

export type Schema = Record<string, unknown>;

export const str: Schema = { type: 'string' };
export const int: Schema = { type: 'integer' };
export const long: Schema = { type: 'integer', format: 'int64' };
export const bool: Schema = { type: 'boolean' };
/** For fields the sources type differently (SDK int, OTC table string, …). */
export const intOrString: Schema = { type: ['integer', 'string'] };
export const boolOrString: Schema = { type: ['boolean', 'string'] };

export const text = (description: string): Schema => ({ type: 'string', description });

/** A secret the real models carry; the simulator plants fake values containing SIMSECRET. */
export const secret = (description: string): Schema => ({
  type: 'string',
  format: 'password',
  description: `SECRET: ${description}. Never shown in Huawei's examples; planted by the simulator.`,
});

export const arr = (items: Schema, description?: string): Schema =>
  description === undefined ? { type: 'array', items } : { type: 'array', items, description };

export const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });

export const enumOf = (values: readonly string[], description?: string): Schema =>
  description === undefined
    ? { type: 'string', enum: [...values] }
    : { type: 'string', enum: [...values], description };

/** An object whose unknown members are allowed: DRS adds fields, clients must ignore them. */
export function obj(
  properties: Record<string, Schema>,
  required: readonly string[] = [],
  description?: string,
): Schema {
  const schema: Schema = { type: 'object', properties };
  if (required.length > 0) schema.required = [...required];
  if (description !== undefined) schema.description = description;
  return schema;
}

export const json = (schema: Schema, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
