/** setTimeout's longest delay (~24.8 days); a later expiry re-arms the timer when it fires. */
const LONGEST_DELAY = 2 ** 31 - 1;

/**
 * A subscription stream that ends when the caller's credential does (a JWT's `exp`): its last event
 * is `lastEvent()` (an UNAUTHENTICATED error), then it completes, and the stream underneath is returned so that its
 * poll ends too. A socket or SSE stream opened with a token must not outlive the token. No timer
 * stays once the stream has ended either way.
 */
export function untilExpiry<T>(
  inner: AsyncIterableIterator<T>,
  expiresAt: number | undefined,
  lastEvent: () => T,
  now: () => number = Date.now,
): AsyncIterableIterator<T> {
  if (expiresAt === undefined) return inner;
  let timer: NodeJS.Timeout | undefined;
  let expire: () => void = () => {};
  const expired = new Promise<'expired'>((resolve) => {
    expire = () => resolve('expired');
  });
  const arm = () => {
    const left = expiresAt - now();
    if (left <= 0) expire();
    else {
      timer = setTimeout(arm, Math.min(left, LONGEST_DELAY));
      timer.unref();
    }
  };
  arm();
  let ended = false;
  const end = async () => {
    ended = true;
    clearTimeout(timer);
    await inner.return?.();
  };
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      if (ended) return { value: undefined, done: true };
      const first = await Promise.race([inner.next(), expired]);
      if (first !== 'expired') {
        if (first.done) clearTimeout(timer);
        return first;
      }
      await end();
      return { value: lastEvent(), done: false };
    },
    async return() {
      await end();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
