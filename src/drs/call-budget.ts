import { DrsError, LocalCode } from './errors.js';

/** Whether a call still holds the first attempt it claimed from the operation's budget. */
export interface Reservation {
  held: boolean;
}

/** The refusal of a call or attempt past MAX_DRS_CALLS_PER_OPERATION; one per operation (usage.refusal). */
export function callBudgetError(limit: number): DrsError {
  return new DrsError({
    message: `This operation has made the ${limit} DRS calls it may (MAX_DRS_CALLS_PER_OPERATION); this one was not sent`,
    status: 0,
    code: LocalCode.callBudget,
  });
}
