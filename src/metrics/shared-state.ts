import { Counter, Gauge, type Registry } from 'prom-client';
import type { SharedState } from '../shared-state/types.js';

/**
 * Whether the shared state (memory, or Redis) is up, and how often Redis went down or came back:
 * an alert on `drs_gateway_shared_state_up == 0` says the replicas stopped sharing.
 */
export function sharedStateMetrics(registry: Registry, shared: SharedState): void {
  const registers = [registry];
  new Gauge({
    name: 'drs_gateway_shared_state_up',
    help: 'Shared state backend (memory or redis) usable: 1 up, 0 down (answers then come from DRS directly)',
    labelNames: ['backend'],
    registers,
    collect() {
      const health = shared.health();
      this.set({ backend: health.backend }, health.up ? 1 : 0);
    },
  });
  const moves = new Counter({
    name: 'drs_gateway_shared_state_transitions_total',
    help: 'Moves of the shared state backend between up and down, by the state moved to',
    labelNames: ['to'],
    registers,
  });
  moves.inc({ to: 'up' }, 0);
  moves.inc({ to: 'down' }, 0);
  shared.onHealthChange((health) => moves.inc({ to: health.up ? 'up' : 'down' }));
}
