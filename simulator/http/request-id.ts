import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time: one crypto call per 256 request IDs instead of one each. */
const pool = Buffer.alloc(4096);
let used = pool.length;

/** A request ID as APIG writes them: 32 random lower-case hex digits. */
export function newRequestId(): string {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  used += 16;
  return pool.toString('hex', used - 16, used);
}
