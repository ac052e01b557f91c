// The OpenAPI description the Mesh peer is composed from: the simulator's own (/openapi.json, 3.1),
// cut down to the three v3 batch APIs the dashboard needs and written as 3.0, which
// @omnigraph/openapi reads. The calls still go to the simulator exactly as described there.

/** Operation ids, which Mesh names its root fields after. */
const OPERATIONS = {
  '/v3/{project_id}/jobs/batch-detail': 'batchDetail',
  '/v3/{project_id}/jobs/batch-progress': 'batchProgress',
  '/v3/{project_id}/jobs/{type}/batch-struct-detail': 'batchStructDetail',
};

/** The root fields the peer's description yields, one per batch API. */
export const MESH_OPERATIONS = Object.values(OPERATIONS);

/** @param {any} described the simulator's OpenAPI 3.1 document */
export function meshOpenApi(described) {
  const paths = {};
  for (const [path, operationId] of Object.entries(OPERATIONS)) {
    const post = structuredClone(described.paths[path].post);
    post.operationId = operationId;
    // Credentials come from the peer's operation headers, not from GraphQL arguments.
    post.parameters = post.parameters.filter((parameter) => parameter.in !== 'header');
    post.responses = Object.fromEntries(
      Object.entries(post.responses).filter(([status]) => status === '200' || status === '202'),
    );
    paths[path] = { post };
  }
  const schemas = structuredClone(described.components.schemas);
  // @resolveTo's key batching replaces the whole `input` argument with {jobs: keys} (additionalArgs
  // merge only at the top), so page_req cannot travel beside the keys. A default does it instead:
  // per_page 0 returns every id sent, where the API's own default page would keep only 5.
  schemas.BatchQueryJobReqPage.properties.page_req = { ...schemas.PageReq, default: { cur_page: 1, per_page: 0 } };
  return to30({
    openapi: '3.0.3',
    info: described.info,
    servers: described.servers,
    paths,
    components: { schemas, securitySchemes: described.components.securitySchemes },
  });
}

/** 3.1 → 3.0: type lists become one type plus `nullable` (or no type), `const` a one-value enum. */
function to30(node) {
  if (Array.isArray(node)) return node.map(to30);
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) out[key] = to30(value);
  if (Array.isArray(out.type)) {
    const types = out.type.filter((type) => type !== 'null');
    if (types.length < out.type.length) out.nullable = true;
    if (types.length === 1) out.type = types[0];
    else delete out.type;
  }
  if ('const' in out) {
    out.enum = [out.const];
    delete out.const;
  }
  return out;
}
