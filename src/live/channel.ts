/**
 * A push-based async iterator: producers `push`, one consumer iterates. `close` (or the consumer's
 * `return`) ends it and runs `onClose` exactly once, which is how subscribers leave a poll group.
 */
export interface Channel<T> {
  push(value: T): void;
  close(): void;
  iterator: AsyncIterableIterator<T>;
}

export function createChannel<T>(onClose: () => void): Channel<T> {
  const queue: T[] = [];
  let waiting: ((result: IteratorResult<T>) => void) | undefined;
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    queue.length = 0;
    waiting?.({ value: undefined, done: true });
    waiting = undefined;
    onClose();
  };
  const iterator: AsyncIterableIterator<T> = {
    next: () => {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift() as T, done: false });
      if (closed) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => {
        waiting = resolve;
      });
    },
    return: () => {
      close();
      return Promise.resolve({ value: undefined, done: true });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return {
    push(value) {
      if (closed) return;
      if (waiting) {
        const resolve = waiting;
        waiting = undefined;
        resolve({ value, done: false });
      } else queue.push(value);
    },
    close,
    iterator,
  };
}
