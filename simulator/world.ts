import type { AkSkCredential } from './aksk/credentials.js';
import type { Lockout } from './aksk/lockout.js';
import type { SimClock } from './clock.js';
import type { Catalog } from './data/catalog.js';
import type { Listing } from './data/listing.js';
import type { V5Catalog } from './data/v5-catalog.js';
import type { FaultRegistry } from './faults/registry.js';
import type { SimulatorProject } from './http/auth.js';
import type { CallRecord } from './http/call-log.js';
import type { RateLimiter } from './http/rate-limit.js';
import type { TokenStore } from './iam/tokens.js';
import type { IamUser } from './iam/users.js';
import type { RuntimeOptions } from './options.js';

/** Everything a request may read or change; one per simulator. */
export interface World {
  projects: readonly SimulatorProject[];
  credentials: readonly AkSkCredential[];
  catalog: Catalog;
  v5: V5Catalog;
  /** Tenant job lists (job-list) over the catalog. */
  listing: Listing;
  clock: SimClock;
  options(): RuntimeOptions;
  configure(patch: Partial<RuntimeOptions>): void;
  calls: CallRecord[];
  faults: FaultRegistry;
  rateLimiter: RateLimiter;
  lockout: Lockout;
  /** The simulated IAM: its users and the tokens it issued (which DRS's routes accept). */
  iam: { users: readonly IamUser[]; tokens: TokenStore };
  /** Admin routes (/__admin/*): on by default, loopback only, optionally behind a token. */
  admin: { enabled: boolean; token?: string };
}
