import { DRS_API, DRS_APIS, type DrsApi } from '../../src/drs/apis.js';
import { IAM_PATH, IAM_SCHEMAS } from './iam.js';
import { obj, type Schema, str } from './kit.js';
import { SEED_OPERATIONS } from './paths.js';
import { DISCOVERY_OPERATIONS } from './paths-discovery.js';
import { DISCOVERY_SCHEMAS } from './schemas-discovery.js';
import { V3_SCHEMAS } from './schemas-v3.js';
import { V5_SCHEMAS } from './schemas-v5.js';

const ERRORS: Record<string, Schema> = {
  DrsError: obj({ error_code: str, error_msg: str }, ['error_code', 'error_msg'], 'DRS service error'),
  ApigError: obj(
    { error_msg: str, error_code: str, request_id: str },
    ['error_msg', 'error_code', 'request_id'],
    'API-gateway error (APIG.* / APIGW.*), with the request ID',
  ),
};

/** Every DRS API's operation: the compiler refuses a table row without one. */
const OPERATIONS: Record<DrsApi, object> = { ...SEED_OPERATIONS, ...DISCOVERY_OPERATIONS };

/** One path item per row of the gateway's DRS API table: its template, its method, its summary. */
function drsPaths(): Record<string, object> {
  return Object.fromEntries(
    DRS_APIS.map((api) => {
      const { template, method, summary } = DRS_API[api];
      return [template, { [method.toLowerCase()]: { summary, ...OPERATIONS[api] } }];
    }),
  );
}

/**
 * OpenAPI 3.1 description of the DRS query APIs as the simulator serves them (and as far
 * as the sources go, as DRS does). Served at GET /openapi.json; built once per process.
 */
export function buildOpenApi(): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Huawei Cloud DRS query APIs (as simulated)',
      version: '1.0.0',
      description:
        'The v3 batch queries, the tenant job list, batch-status and the v5 queries the DRS GraphQL gateway uses, and the IAM ' +
        'token request it makes for its own credential (served by the simulator too). Unknown ' +
        'response members may appear and must be ignored. Secret fields are marked SECRET.',
    },
    servers: [
      {
        url: 'https://drs.{region}.myhuaweicloud.com',
        variables: { region: { default: 'cn-north-4', description: 'DRS region (REFERENCE §11)' } },
      },
    ],
    security: [{ token: [] }, { aksk: [] }],
    paths: { ...drsPaths(), ...IAM_PATH },
    components: {
      securitySchemes: {
        token: { type: 'apiKey', in: 'header', name: 'X-Auth-Token', description: 'IAM token of the project' },
        aksk: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'SDK-HMAC-SHA256 Access=AK, SignedHeaders=…, Signature=… with X-Sdk-Date (±15 min); ' +
            'temporary credentials add a signed X-Security-Token.',
        },
      },
      schemas: { ...ERRORS, ...V3_SCHEMAS, ...V5_SCHEMAS, ...DISCOVERY_SCHEMAS, ...IAM_SCHEMAS },
    },
  };
}
