import { Agent } from './undici.js';

/** The process's one keep-alive connection pool to DRS. */
export function createDispatcher(options: {
  connectTimeoutMs: number;
  maxConnections: number;
}): InstanceType<typeof Agent> {
  return new Agent({
    connect: { timeout: options.connectTimeoutMs },
    connections: options.maxConnections,
    keepAliveTimeout: 30_000,
  });
}
