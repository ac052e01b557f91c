import { IAM_TOKEN } from '../../src/drs/apis.js';
import { arr, enumOf, json, obj, ref, type Schema, str, text } from './kit.js';

/**
 * IAM `POST /v3/auth/tokens` (password method) as the simulator plays it: IAM API reference
 * "Obtaining a User Token Through Password Authentication" (OTC's copy of Huawei's page).
 */

const named = (what: string) => obj({ id: str, name: str }, [], what);
const scopeProject = obj({ id: text('Project ID'), name: text('Project name, e.g. cn-north-4') });

export const IAM_SCHEMAS: Record<string, Schema> = {
  IamTokenRequest: obj(
    {
      auth: obj(
        {
          identity: obj(
            {
              methods: arr(enumOf(['password', 'totp']), 'Must include "password"'),
              password: obj(
                {
                  user: obj(
                    {
                      name: text('IAM user name'),
                      password: { type: 'string', format: 'password', description: "The user's login password" },
                      domain: obj({ name: text('Account (domain) that created the user') }, ['name']),
                    },
                    ['name', 'password', 'domain'],
                  ),
                },
                ['user'],
              ),
            },
            ['methods', 'password'],
          ),
          scope: obj(
            { project: scopeProject, domain: named('Account scope: a token for global services') },
            [],
            'project (for DRS) or domain; none gives an account-level token',
          ),
        },
        ['identity'],
      ),
    },
    ['auth'],
  ),
  IamTokenResponse: obj(
    {
      token: obj(
        {
          methods: arr(str),
          expires_at: text('When the token stops working (ISO 8601 with microseconds, UTC): 24 h after issued_at'),
          issued_at: text('When IAM issued it'),
          user: obj({ id: str, name: str, password_expires_at: str, domain: named('The account') }),
          project: obj({ id: str, name: str, domain: named('The account') }, [], 'Only for a project-scoped token'),
          domain: named('Only for an account-scoped token'),
          roles: arr(named('A permission')),
          catalog: arr(obj({}), 'Service endpoints; absent with ?nocatalog (the simulator lists none)'),
        },
        ['methods', 'expires_at', 'issued_at'],
      ),
    },
    ['token'],
  ),
  IamError: obj({ error_msg: str, error_code: str }, ['error_msg', 'error_code'], 'IAM error (IAM.xxxx)'),
  KeystoneError: obj(
    { error: obj({ message: str, code: { type: 'integer' }, title: str }, ['message', 'code']) },
    ['error'],
    'Keystone-style error, what IAM answers a wrong password',
  ),
};

export const IAM_PATH = {
  [IAM_TOKEN.path]: {
    servers: [
      {
        url: 'https://iam.{region}.myhuaweicloud.com',
        variables: { region: { default: 'cn-north-4', description: 'IAM region (eu-west-101: .myhuaweicloud.eu)' } },
      },
    ],
    post: {
      summary: 'Obtain an IAM user token (password method)',
      security: [],
      parameters: [
        {
          name: 'nocatalog',
          in: 'query',
          required: false,
          description: 'Any non-empty value leaves the catalog out',
          schema: str,
        },
      ],
      requestBody: { required: true, content: { 'application/json': { schema: ref('IamTokenRequest') } } },
      responses: {
        '201': {
          ...json(ref('IamTokenResponse'), 'Token issued; valid 24 h on the simulated clock'),
          headers: { 'X-Subject-Token': { description: 'The token (send it as X-Auth-Token)', schema: str } },
        },
        '400': json(ref('IamError'), 'IAM.0011 bad body, IAM.0072 missing member, IAM.0007 no password method'),
        '401': json(ref('KeystoneError'), 'Wrong user, password or domain, or a project the user may not use'),
        '429': json(ref('ApigError'), 'Scripted fault: APIG.0308'),
        '500': json(ref('DrsError'), 'Scripted fault'),
        '502': json(ref('ApigError'), 'Scripted fault: APIG.0202'),
        '503': json(ref('ApigError'), 'Scripted fault: APIG.0202'),
        '504': json(ref('ApigError'), 'Scripted fault: APIG.0203'),
      },
    },
  },
};
