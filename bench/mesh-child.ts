import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildDist, type GatewayChild, spawnChild } from './gateway-child.js';
import type { SimulatorProcess } from './simulator-process.js';

const peerDir = fileURLToPath(new URL('mesh-peer/', import.meta.url));

/** The dashboard query in the Mesh peer's names (the OpenAPI wire names): the same data as DASHBOARD_QUERY. */
export const MESH_DASHBOARD_QUERY = `query Dashboard($ids: [String!]!) { jobs(ids: $ids) { id name status create_time
  source_endpoint { db_type ip db_port } target_endpoint { db_type inst_name }
  progress { progress transfer_status incre_trans_delay progress_map }
  structDetail { struct_detail { total_record list { src_TB progress } } } } }`;

export function meshDashboardBody(ids: readonly string[]): string {
  return JSON.stringify({ query: MESH_DASHBOARD_QUERY, variables: { ids }, operationName: 'Dashboard' });
}

/** Installs the peer's own packages (bench/mesh-peer/package-lock.json) the first time; never part of `npm ci`. */
export function installMeshPeer(): void {
  if (existsSync(`${peerDir}node_modules/@graphql-hive/gateway-runtime`)) return;
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peerDir, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci in bench/mesh-peer failed');
}

/**
 * Starts the Mesh peer (bench/mesh-peer/server.mjs) against the simulator, in its own process with
 * Node's default flags: the gateway's --heap-growing-percent=20 --single-threaded-gc cost Mesh more
 * CPU than they save it RSS (measured: 12.4 vs 8.9 ms a query), so each server runs as it runs best.
 */
export async function spawnMesh(sim: SimulatorProcess): Promise<GatewayChild> {
  installMeshPeer();
  buildDist();
  const args = ['server.mjs', '--upstream', sim.url, '--project', sim.projectId, '--token', sim.token];
  const child = await spawnChild('mesh', args, {}, peerDir);
  return { ...child, body: meshDashboardBody };
}
