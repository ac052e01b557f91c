/** The dashboard query: detail + endpoints + progress + struct detail, for a list of ids. */
export const DASHBOARD_QUERY = `query Dashboard($ids: [ID!]!) { jobs(ids: $ids) { id name status createdAt
  sourceEndpoint { dbType ip port } targetEndpoint { dbType instanceName }
  progress { percent transferStatus incrementalDelaySeconds phases { phase completedPercent } }
  structDetail(type: TABLE) { total objects { edges { node { sourceObject progress } } } } } }`;

/** The request body, serialised once per load point so the client adds no per-request work. */
export function dashboardBody(ids: readonly string[]): string {
  return JSON.stringify({ query: DASHBOARD_QUERY, variables: { ids }, operationName: 'Dashboard' });
}
