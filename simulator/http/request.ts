import type { IncomingMessage } from 'node:http';

/** Far above any real batch body; protects the simulator, answered as APIG's 413. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** `bytes` are kept exactly as received: an AK/SK signature covers them, not their decoding. */
export type BodyRead = { ok: true; text: string; bytes: Buffer } | { ok: false; tooLarge: true };

/** Reads the whole body (always draining it, so keep-alive connections stay usable). */
export async function readBody(req: IncomingMessage): Promise<BodyRead> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk);
  }
  if (size > MAX_BODY_BYTES) return { ok: false, tooLarge: true };
  const bytes = Buffer.concat(chunks);
  return { ok: true, text: bytes.toString('utf8'), bytes };
}

/** The parsed body, or undefined when it is empty or not JSON (answered as DRS.M00202). */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
