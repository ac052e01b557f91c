import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | undefined;

/**
 * prom-client's default process metrics (CPU, memory, heap, event-loop lag, GC, handles), in a
 * registry of their own shared by every gateway of the process. Collecting them again per gateway
 * registry would start another event-loop delay monitor and another GC observer each time, never
 * stopped: a leak in a test process that builds many gateways. They describe the process anyway.
 */
export function processRegistry(): Registry {
  if (shared === undefined) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
