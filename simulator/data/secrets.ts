import type { Rng } from './rng.js';

/**
 * Every secret the simulator plants contains this marker, so a test can scan any gateway
 * response for it. DRS docs never show secrets in query answers; we send them on purpose.
 */
export const SECRET_MARKER = 'SIMSECRET';

/** A recognisable fake secret for wire field `field`, e.g. `SIMSECRET-db_password-3f9a01c2`. */
export function fakeSecret(field: string, rng: Rng): string {
  return `${SECRET_MARKER}-${field}-${rng.hex(8)}`;
}
