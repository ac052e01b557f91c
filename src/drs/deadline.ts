import type { DrsCredentials } from './credentials.js';
import { DrsError, LocalCode } from './errors.js';

/** Milliseconds left before the operation's deadline; without one, forever. */
export function timeLeft(credentials: DrsCredentials): number {
  return credentials.deadline === undefined ? Number.POSITIVE_INFINITY : credentials.deadline - Date.now();
}

export function deadlineError(): DrsError {
  return new DrsError({
    message: 'The operation deadline passed before DRS answered',
    status: 0,
    code: LocalCode.deadline,
  });
}
