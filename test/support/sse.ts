import type { Harness } from './harness.js';

export interface SseSubscription {
  /** Every `next` payload received so far. */
  events: { data?: any; errors?: any[] }[];
  /** Resolves once `count` events have arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

/** Subscribes over GraphQL over SSE (yoga's default transport), over HTTP to the harness's listener. */
export function subscribeSse(
  gateway: Pick<Harness, 'fetch'>,
  query: string,
  variables: Record<string, unknown>,
  headers: Record<string, string> = {},
): SseSubscription {
  const controller = new AbortController();
  let body: ReadableStream<Uint8Array> | undefined;
  const events: SseSubscription['events'] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const notify = () => {
    for (const waiter of [...waiters]) {
      if (events.length >= waiter.count) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  void (async () => {
    const response = await gateway.fetch('http://gateway/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...headers },
      body: JSON.stringify({ query, variables }),
      signal: controller.signal,
    });
    body = response.body ?? undefined;
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (block.includes('event: next') && data) {
          events.push(JSON.parse(data));
          notify();
        }
        end = buffer.indexOf('\n\n');
      }
    }
  })().catch(() => {});
  return {
    events,
    waitFor: (count, timeoutMs = 5_000) =>
      new Promise<void>((resolve, reject) => {
        if (events.length >= count) return resolve();
        const timer = setTimeout(() => reject(new Error(`only ${events.length} of ${count} events`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      }),
    // Cancelling the body is what a disconnecting client does; yoga then ends the subscription.
    close: () => {
      controller.abort();
      void body?.cancel().catch(() => {});
    },
  };
}
