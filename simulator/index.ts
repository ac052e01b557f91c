/** Public surface of the DRS simulator (wiring only). */
export { type CallRecord, type SimulatorOptions, type SimulatorProject, type Simulator, startSimulator } from './server.js';
export type { ApiName, CallOutcome } from './call-log.js';
export type { RuntimeOptions } from './options.js';
export { DEFAULT_RUNTIME_OPTIONS } from './options.js';
export { SECRET_MARKER } from './data/secrets.js';
export { isJobIdShape, unknownJobId } from './ids.js';
export { jobEndpoints } from './data/jobs.js';
