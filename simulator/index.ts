/** Public surface of the DRS simulator (wiring only). */

export type { ApiName, CallOutcome } from './call-log.js';
export { jobEndpoints } from './data/jobs.js';
export { SECRET_MARKER } from './data/secrets.js';
export { isJobIdShape, unknownJobId } from './ids.js';
export type { RuntimeOptions } from './options.js';
export { DEFAULT_RUNTIME_OPTIONS } from './options.js';
export {
  type CallRecord,
  type Simulator,
  type SimulatorOptions,
  type SimulatorProject,
  startSimulator,
} from './server.js';
