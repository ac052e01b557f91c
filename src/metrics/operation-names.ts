import type { DocumentNode } from 'graphql';

/** A GraphQL name of reasonable length; anything else a caller sends as `operationName` is not a label. */
const NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;
/** A name carrying a long hex run may embed an id (a project id is 32 hex characters). */
const HEX_RUN = /[0-9a-fA-F]{16}/;

/**
 * Operation names as label values, kept bounded: names are the caller's text, so only a plain
 * GraphQL name of an operation in the document qualifies, and only the first `max` distinct ones
 * get their own series; every other name is `other`, and an unnamed operation is `Anonymous`.
 */
export function operationNameLabels(max: number): (name: string | undefined, document?: DocumentNode) => string {
  const kept = new Set<string>();
  return (name, document) => {
    if (name === undefined || name === '' || name === 'Anonymous') return 'Anonymous';
    if (kept.has(name)) return inDocument(name, document) ? name : 'other';
    if (kept.size >= max || !NAME.test(name) || HEX_RUN.test(name) || !inDocument(name, document)) return 'other';
    kept.add(name);
    return name;
  };
}

/** Whether `document` (when known) defines an operation of that name: an `operationName` it lacks is noise. */
function inDocument(name: string, document: DocumentNode | undefined): boolean {
  if (document === undefined) return true;
  for (const definition of document.definitions) {
    if (definition.kind === 'OperationDefinition' && definition.name?.value === name) return true;
  }
  return false;
}
