import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** Checks the document against the OpenAPI 3.x meta-schemas (the validator package's own). */
export async function validateDocument(doc: Record<string, unknown>) {
  const validator = new Validator();
  const result = await validator.validate(doc);
  return { ...result, version: validator.version };
}

/** `#/paths/~1v3~1{project_id}…` as a URI fragment: JSON Pointer escapes, then URI escapes. */
function pointer(...segments: string[]): string {
  return segments.map((s) => encodeURIComponent(s.replace(/~/g, '~0').replace(/\//g, '~1'))).join('/');
}

export type ResponseCheck = (path: string, method: string, status: number, body: unknown) => string[];

/**
 * Validates answer bodies against the document's response schemas with ajv (JSON Schema
 * 2020-12, the dialect of OpenAPI 3.1). Returns the errors, [] when the body conforms; a status
 * the operation does not document is an error too.
 */
export function responseChecker(doc: Record<string, unknown>): ResponseCheck {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: true });
  ajv.addSchema(doc, 'openapi.json');
  const paths = doc.paths as Record<string, Record<string, { responses: Record<string, unknown> }>>;
  const compiled = new Map<string, ReturnType<typeof ajv.compile>>();
  return (path, method, status, body) => {
    const responses = paths[path]?.[method.toLowerCase()]?.responses;
    if (!responses?.[String(status)]) return [`${method} ${path} does not document status ${status}`];
    const key = `${path} ${method} ${status}`;
    let validate = compiled.get(key);
    if (!validate) {
      const ref = `openapi.json#/${pointer('paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema')}`;
      validate = ajv.compile({ $ref: ref });
      compiled.set(key, validate);
    }
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${key}: ${e.instancePath} ${e.message}`);
  };
}
