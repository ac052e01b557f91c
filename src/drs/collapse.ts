import { createHash } from 'node:crypto';
import type { DrsApi } from './apis.js';
import { credentialKey, type DrsCredentials } from './credentials.js';
import { DrsError, LocalCode } from './errors.js';
import type { Call } from './session.js';

/** Runs a DRS call, or answers with an identical call's result that is already on its way. */
export interface CallCollapse {
  run<T>(key: string, credentials: DrsCredentials, call: () => Promise<T>): Promise<T>;
}

/**
 * What makes two calls identical: credential identity (a hash, never the secret), project,
 * language, API, path and body. Anything less could hand one tenant's answer to another.
 */
export function callKey(api: DrsApi, credentials: DrsCredentials, call: Call): string {
  const who = credentials.auth ? credentialKey(credentials.auth) : 'none';
  const what = call.method === 'POST' ? JSON.stringify(call.body) : '';
  return createHash('sha256')
    .update(`${who}\n${credentials.projectId}\n${credentials.language}\n${api}\n${call.path}\n${what}`)
    .digest('hex');
}

/** Failures that belong to the caller that made the call (its abort, deadline or budget), not to DRS. */
const CALLERS_OWN = new Set<string>([LocalCode.aborted, LocalCode.deadline, LocalCode.callBudget]);

/**
 * In-process collapsing: while a call is in flight, identical calls wait for its result instead of
 * going upstream. A waiter still leaves on its own abort or deadline, and makes the call itself if
 * the first caller's failure was its own (it went away, ran out of time or budget).
 */
export class LocalCollapse implements CallCollapse {
  private readonly inflight = new Map<string, Promise<unknown>>();

  async run<T>(key: string, credentials: DrsCredentials, call: () => Promise<T>): Promise<T> {
    const pending = this.inflight.get(key) as Promise<T> | undefined;
    if (pending === undefined) {
      const started = call();
      this.inflight.set(key, started);
      const forget = () => {
        if (this.inflight.get(key) === started) this.inflight.delete(key);
      };
      started.then(forget, forget);
      return started;
    }
    try {
      return await waitAs(pending, credentials);
    } catch (error) {
      if (error instanceof DrsError && CALLERS_OWN.has(error.code ?? '') && !credentials.signal?.aborted) {
        if (credentials.deadline === undefined || credentials.deadline > Date.now())
          return this.run(key, credentials, call);
      }
      throw error;
    }
  }
}

/** `pending`, given up when this caller's own signal aborts or its deadline passes. */
function waitAs<T>(pending: Promise<T>, credentials: DrsCredentials): Promise<T> {
  const { signal, deadline } = credentials;
  if (signal === undefined && deadline === undefined) return pending;
  return new Promise<T>((resolve, reject) => {
    const timer =
      deadline === undefined
        ? undefined
        : setTimeout(
            () =>
              settle(() =>
                reject(
                  new DrsError({
                    message: 'The operation deadline passed before DRS answered',
                    status: 0,
                    code: LocalCode.deadline,
                  }),
                ),
              ),
            Math.max(0, deadline - Date.now()),
          );
    const onAbort = () =>
      settle(() =>
        reject(
          new DrsError({ message: 'The client went away', status: 0, code: LocalCode.aborted, cause: signal?.reason }),
        ),
      );
    let done = false;
    function settle(finish: () => void) {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      finish();
    }
    if (signal?.aborted) return onAbort();
    signal?.addEventListener('abort', onAbort, { once: true });
    pending.then(
      (value) => settle(() => resolve(value)),
      (error: unknown) => settle(() => reject(error)),
    );
  });
}
