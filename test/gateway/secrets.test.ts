import { type GraphQLObjectType, isInputObjectType, isObjectType } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET_MARKER } from '../../simulator/data/secrets.js';
import { schema } from '../../src/schema/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { selectAll } from '../support/select-all.js';

/** The wire names of every secret DRS models carry, and the names a schema might give them. */
const DENY = [
  'db_password',
  'ssl_cert_password',
  'ssl_cert_key',
  'trust_store_key',
  'trust_store_password',
  'key_store_key',
  'key_store_password',
  'key_password',
  'password',
];
const camel = (wire: string) => wire.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());
const denied = new Set(DENY.flatMap((wire) => [wire, camel(wire)]).map((name) => name.toLowerCase()));

function fieldNames(): string[] {
  const names: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type) || isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        names.push(`${type.name}.${field.name}`);
        if ('args' in field) for (const arg of field.args) names.push(`${type.name}.${field.name}(${arg.name})`);
      }
    }
  }
  return names;
}

describe('no secret in the schema', () => {
  it('has no field or argument named like a DRS secret', () => {
    const names = fieldNames();
    // The deny-list is exact, so harmless neighbours stay allowed (and prove the scan ran).
    expect(names).toContain('Endpoint.sslCertName');
    expect(names).toContain('Tag.key');
    expect(names).toContain('AsyncJobEndpoint.sslCertName');
    expect(names).toContain('AsyncJobDatabase.user');
    const leaks = names.filter((name) => {
      const field = name
        .split('.')[1]!
        .replace(/\(.*\)$/, '')
        .toLowerCase();
      return denied.has(field) || /password|secret|truststore|keystore|certkey/.test(field);
    });
    expect(leaks).toEqual([]);
  });
});

describe('no secret in any answer', () => {
  let h: Harness;
  beforeAll(async () => {
    // Every field of 200 jobs includes each job's log page and object progress: one call per job each.
    h = await startHarness({ DRS_BATCH_SIZE: '50', MAX_DRS_CALLS_PER_OPERATION: '1000' });
  });
  afterAll(() => h.close());

  it('never returns a planted secret, even when every field of 200 jobs is selected', async () => {
    const ids = h.sim.jobIds(h.projectId, 200);
    // The simulator really plants secrets in what it sends, or this test would prove nothing.
    const raw = await fetch(`${h.sim.url}/v3/${h.projectId}/jobs/batch-detail`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-auth-token': h.token },
      body: JSON.stringify({ jobs: ids, page_req: { cur_page: 1, per_page: 0 } }),
    }).then((r) => r.text());
    expect(raw).toContain(SECRET_MARKER);
    for (const wire of ['db_password', 'ssl_cert_key', 'trust_store_password']) expect(raw).toContain(wire);

    const job = schema.getType('Job') as GraphQLObjectType;
    const res = await h.gql(`query($ids: [ID!]!) { jobs(ids: $ids) { ${selectAll(job)} } }`, { ids });
    expect(res.errors).toBeUndefined();
    expect(res.data.jobs).toHaveLength(200);
    expect(JSON.stringify(res)).not.toContain(SECRET_MARKER);
    expect(h.calls('batch-detail')).toHaveLength(4);
  });

  it('never returns a planted v5 secret, even when every field of every async job is selected', async () => {
    const batches = h.sim.asyncJobIds(h.projectId);
    // v5 job details carry db_password, the SSL key and password, and user-migration passwords.
    const raw = await fetch(`${h.sim.url}/v5/${h.projectId}/batch-async-jobs/${batches[0]}?limit=1000`, {
      headers: { 'x-auth-token': h.token },
    }).then((r) => r.text());
    expect(raw).toContain(SECRET_MARKER);
    for (const wire of ['db_password', 'ssl_cert_key', 'ssl_cert_password']) expect(raw).toContain(wire);

    const asyncJob = schema.getType('AsyncJob') as GraphQLObjectType;
    for (const id of batches) {
      const res = await h.gql(
        `query($id: ID!) { asyncJobBatch(id: $id) { jobs(first: 100) { edges { node { ${selectAll(asyncJob)} } } } } }`,
        { id },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.asyncJobBatch.jobs.edges.length).toBeGreaterThan(0);
      expect(JSON.stringify(res)).not.toContain(SECRET_MARKER);
    }
  });
});
