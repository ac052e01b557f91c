import { existsSync } from 'node:fs';
import { ConfigError } from './config-env.js';

/**
 * Loads `.env` from the working directory into the environment when the file exists, before
 * `loadConfig` reads it. A variable already set (by the shell, compose or Kubernetes) wins.
 * Returns whether a file was read, for the start banner.
 */
export function loadDotEnv(path = '.env'): boolean {
  if (!existsSync(path)) return false;
  try {
    process.loadEnvFile(path);
  } catch (error) {
    throw new ConfigError(`${path} could not be read (${(error as Error).message})`);
  }
  return true;
}
