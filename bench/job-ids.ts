import { startSimulator } from '../simulator/http/server.js';

/**
 * The first `count` seeded job ids that the simulator answers as live (not "released"), computed
 * from the same seed as the simulator child, so a measured query is the dashboard's normal case.
 */
export async function liveJobIds(options: {
  seed: number;
  seededJobs: number;
  count: number;
  /** Which seeded project (0, the default, is the one the gateway child is configured with). */
  project?: number;
}): Promise<string[]> {
  // Only the seeded catalogue is needed; the server this starts answers nothing and closes at once.
  const sim = await startSimulator({ port: 0, seed: options.seed, jobs: options.seededJobs });
  try {
    const projectId = sim.projects[options.project ?? 0]!.projectId;
    const live = sim
      .jobIds(projectId, options.seededJobs)
      .filter((id: string) => sim.jobDetail(projectId, id).error_code === undefined);
    if (live.length < options.count) {
      throw new Error(`only ${live.length} live jobs among ${options.seededJobs} seeded; raise --jobs`);
    }
    return live.slice(0, options.count);
  } finally {
    await sim.close();
  }
}
