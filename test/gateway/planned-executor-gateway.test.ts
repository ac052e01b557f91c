import { type GraphQLObjectType, getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';
import { type Harness, startHarness } from '../support/harness.js';
import { selectAll } from '../support/select-all.js';

/**
 * The whole gateway twice, each with its own simulator seeded alike: one on the planned executor
 * (the default), one on yoga's graphql-js executor (GRAPHQL_EXECUTOR=graphql-js). Every operation
 * must answer the same bytes (data, key order, errors with codes and paths) for the same upstream calls.
 */
let planned: Harness;
let reference: Harness;
let ids: string[];
let asyncJobId: string;

beforeAll(async () => {
  [planned, reference] = await Promise.all([startHarness(), startHarness({ GRAPHQL_EXECUTOR: 'graphql-js' })]);
  ids = planned.sim.jobIds(planned.projectId, 12);
  expect(reference.sim.jobIds(reference.projectId, 12)).toEqual(ids);
  asyncJobId = planned.sim.asyncJobIds(planned.projectId)[0]!;
});
afterAll(async () => {
  await Promise.all([planned?.close(), reference?.close()]);
});

const job = () => schema.getType('Job') as GraphQLObjectType;

const OPERATIONS: [string, () => [string, Record<string, unknown>?]][] = [
  [
    'the dashboard query',
    () => [
      `query($ids: [ID!]!) { jobs(ids: $ids) { id name status createdAt sourceEndpoint { dbType ip port }
        targetEndpoint { dbType instanceName } progress { percent transferStatus incrementalDelaySeconds
        phases { phase completedPercent } } structDetail(type: TABLE) { total objects { edges { node { sourceObject progress } } } } } }`,
      { ids },
    ],
  ],
  [
    'every Job field',
    () => [`query($ids: [ID!]!) { jobs(ids: $ids) { ${selectAll(job())} } }`, { ids: ids.slice(0, 4) }],
  ],
  [
    'unknown and malformed ids, aliases and fragments',
    () => [
      `query($ids: [ID!]!) { a: jobs(ids: $ids) { ...J } b: job(id: "nope") { id } c: job(id: "${ids[1]}") { ...J } }
       fragment J on Job { id statusRaw p: progress { percent } ... on Job { structDetail(type: VIEW) { total } } }`,
      { ids: [ids[0], '00000000-0000-0000-0000-000000000000', 'bad', ids[2]] },
    ],
  ],
  [
    '@skip/@include on look-ahead fields',
    () => [
      `query($ids: [ID!]!, $p: Boolean!, $s: Boolean!) { jobs(ids: $ids) { id progress @include(if: $p) { percent }
        structDetail(type: TABLE) @skip(if: $s) { total } } }`,
      { ids, p: false, s: true },
    ],
  ],
  [
    'object progress pages (v5)',
    () => [
      `query($id: ID!) { job(id: $id) { objectProgress(type: TABLE, first: 3) { totalCount
        pageInfo { hasNextPage endCursor } edges { cursor node { __typename } } } } }`,
      { id: ids[0] },
    ],
  ],
  [
    'an async job batch with its jobs',
    () => [
      `query($id: ID!) { asyncJobBatch(id: $id) { jobs(first: 5) { edges { node { id job { id name } } } } } }`,
      { id: asyncJobId },
    ],
  ],
  [
    'federation entities and service',
    () => [
      `query($r: [_Any!]!) { _service { sdl } _entities(representations: $r) { __typename ... on Job { id progress { percent } } } }`,
      { r: [...ids.slice(0, 3).map((id) => ({ __typename: 'Job', id })), { __typename: 'Job', id: 'bad' }] },
    ],
  ],
  ['introspection', () => [getIntrospectionQuery()]],
];

describe('planned executor inside the gateway matches graphql-js', () => {
  for (const [name, operation] of OPERATIONS) {
    it(name, async () => {
      const [query, variables] = operation();
      const [mine, theirs] = [await planned.gqlText(query, variables), await reference.gqlText(query, variables)];
      expect(mine.text).toBe(theirs.text);
      expect(mine.text.length).toBeGreaterThan(20);
      const calls = (h: Harness) =>
        h
          .calls()
          .map((c) => `${c.api} ${c.jobs?.length ?? ''}`)
          .sort();
      expect(calls(planned)).toEqual(calls(reference));
    });
  }
});
