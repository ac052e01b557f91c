/** The query GraphiQL opens with: a small dashboard over the given jobs. */
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
