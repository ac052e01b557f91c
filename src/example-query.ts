/** The query GraphiQL's second tab opens with: a small dashboard over the given jobs. */
export function exampleQuery(jobIds: readonly string[]): string {
  const ids = jobIds.length > 0 ? jobIds.map((id) => JSON.stringify(id)).join(', ') : '"<job id>"';
  return `# A dashboard over several DRS jobs: one GraphQL query, one batch call per DRS API.
query Dashboard {
  jobs(ids: [${ids}]) {
    id
    name
    status
    dbUseType
    createdAt
    sourceEndpoint { dbType ip port region }
    targetEndpoint { dbType instanceName region }
    progress {
      percent
      transferStatus
      incrementalDelaySeconds
      phases { phase completedPercent }
    }
    structDetail(type: TABLE) {
      total
      objects(first: 20) { totalCount edges { node { sourceDatabase sourceObject progress } } }
    }
  }
}
`;
}

/** The query GraphiQL opens with: where job ids come from, whatever DRS the gateway points at. */
export const DISCOVERY_QUERY = `# Your DRS jobs, newest first, with their progress:
# where job ids come from. DRS lists one scenario at a time,
# so a page costs 3 list calls (made together) + 1 batch-progress.
# Filter in the Variables pane, e.g.
#   "filter": { "dbUseType": ["SYNC"], "status": ["INCRE_TRANSFER_FAILED"] }
# and pass pageInfo.endCursor as "after" for the next page.
query Discover($filter: JobFilter, $first: Int, $after: String) {
  jobList(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id
      name
      status
      dbUseType
      netType
      progress { percent transferStatus incrementalDelaySeconds }
    }
  }
}
`;

/** The Variables pane of the discovery tab: the first ten jobs, no filter yet. */
export const DISCOVERY_VARIABLES = `{
  "first": 10,
  "filter": {}
}`;
