/** Public surface of the DRS simulator (wiring only). */

export * as signing from './aksk/canonical.js';
export type { AkSkCredential } from './aksk/credentials.js';
export type { ClockMode, SimClock } from './clock.js';
export { EPOCH_ANCHOR_MS } from './data/core.js';
export { isJobIdShape, unknownJobId } from './data/ids.js';
export { jobEndpoints } from './data/jobs.js';
export { SECRET_MARKER } from './data/secrets.js';
export type { FaultPlanInput, FaultPlanSpec, FaultStep, FaultTarget } from './faults/plan.js';
export type { FaultController, FaultView } from './faults/registry.js';
export { API_NAMES, type ApiName, type CallOutcome, type CredentialKind } from './http/call-log.js';
export {
  type CallRecord,
  type Simulator,
  type SimulatorOptions,
  type SimulatorProject,
  startSimulator,
} from './http/server.js';
export { buildOpenApi } from './openapi/document.js';
export type { RuntimeOptions } from './options.js';
export { DEFAULT_RUNTIME_OPTIONS } from './options.js';
export type { PageQuery } from './simulator-api.js';
export * from './v5/wire.js';
