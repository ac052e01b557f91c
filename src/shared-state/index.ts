export type { SharedStateConfig } from './config.js';
export { MemoryState } from './memory.js';
export { RedisState } from './redis.js';
export type { SharedEntry, SharedHealth, SharedLock, SharedRateLimit, SharedState } from './types.js';
export { SharedStateUnavailable } from './types.js';

import type { Logger } from '../logging/logger.js';
import type { SharedStateConfig } from './config.js';
import { MemoryState } from './memory.js';
import { RedisState } from './redis.js';
import type { SharedState } from './types.js';

/** Redis when REDIS_URL is set, else this process's memory. */
export function createSharedState(config: SharedStateConfig, logger: Logger): SharedState {
  const { redisUrl } = config;
  return redisUrl === undefined ? new MemoryState() : new RedisState({ ...config, redisUrl }, logger);
}
