import type { DrsUsage } from './credentials.js';
import { DrsError, LocalCode } from './errors.js';

/** Whether a call still holds the first attempt it claimed from the operation's budget. */
export interface Reservation {
  held: boolean;
}

/**
 * Claims a call's first attempt from the operation's budget (MAX_DRS_CALLS_PER_OPERATION) before it
 * queues for anything; past the budget it throws the operation's one refusal. Aliases can start
 * thousands of calls together, and each would otherwise wait for a slot, sign and log.
 */
export function claimCall(usage: DrsUsage | undefined): Reservation {
  if (usage?.limit === undefined) return { held: false };
  refuseIfSpent(usage, usage.limit);
  usage.reserved = (usage.reserved ?? 0) + 1;
  return { held: true };
}

/** Counts one attempt: the call's first uses its claim; a retry needs room left in the budget. */
export function claimAttempt(usage: DrsUsage | undefined, reservation: Reservation): void {
  if (usage === undefined) return;
  if (reservation.held) releaseCall(usage, reservation);
  else if (usage.limit !== undefined) refuseIfSpent(usage, usage.limit);
  usage.attempts++;
}

/** Gives back a claim the call never used (it failed before its first attempt). */
export function releaseCall(usage: DrsUsage | undefined, reservation: Reservation): void {
  if (!reservation.held || usage === undefined) return;
  reservation.held = false;
  usage.reserved = (usage.reserved ?? 1) - 1;
}

function refuseIfSpent(usage: DrsUsage, limit: number): void {
  if (usage.attempts + (usage.reserved ?? 0) < limit) return;
  usage.refusal ??= callBudgetError(limit);
  throw usage.refusal;
}

/** The refusal of a call or attempt past MAX_DRS_CALLS_PER_OPERATION; one per operation (usage.refusal). */
function callBudgetError(limit: number): DrsError {
  return new DrsError({
    message: `This operation has made the ${limit} DRS calls it may (MAX_DRS_CALLS_PER_OPERATION); this one was not sent`,
    status: 0,
    code: LocalCode.callBudget,
  });
}
