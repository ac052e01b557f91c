import { createRng, hashHex, hashWords } from './rng.js';

/**
 * Job IDs look like DRS's: UUID-shaped, lowercase, last group ending in a DRS suffix
 * (`24834eb6-be30-464e-a299-f7aa730jb101`). The job's index is hidden in the first group by a
 * keyed 32-bit permutation, so lookup is O(1) and nothing is stored per job.
 */

const SHAPE = /^[0-9a-z]{8}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{12}$/;

/** Suffixes seen on real job IDs, weighted towards the common migration/sync ones. */
const SUFFIXES = { jb101: 5, jb21: 2, jb502: 2, jb20r: 1, jb15: 1, jb201: 1 } as const;

/** Highest job count an ID can encode (the index lives in 32 bits). */
export const MAX_JOBS = 2 ** 32;

/** True when `id` has the shape DRS accepts: 36 chars, hyphens at 8/13/18/23, [0-9a-z] elsewhere. */
export function isJobIdShape(id: string): boolean {
  return SHAPE.test(id);
}

export interface JobIdCodec {
  idAt(index: number): string;
  /** The index `id` encodes for this project, or undefined when it is not one of ours. */
  indexOf(id: string): number | undefined;
}

function roundFn(half: number, key: number): number {
  let h = Math.imul(half ^ key, 0x45d9f3b);
  h ^= h >>> 16;
  h = Math.imul(h, 0x45d9f3b);
  h ^= h >>> 16;
  return h & 0xffff;
}

/** Four-round Feistel network: a bijection on 32-bit integers whatever the round function. */
function permute(value: number, keys: readonly number[], inverse: boolean): number {
  let left = value >>> 16;
  let right = value & 0xffff;
  const order = inverse ? [...keys].reverse() : keys;
  for (const key of order) {
    if (inverse) [left, right] = [right ^ roundFn(left, key), left];
    else [left, right] = [right, left ^ roundFn(right, key)];
  }
  return ((left << 16) | right) >>> 0;
}

function assemble(head: string, body: string, variant: string, suffix: string): string {
  const tail = body.slice(7, 7 + 12 - suffix.length);
  return `${head}-${body.slice(0, 4)}-4${body.slice(4, 7)}-${variant}${body.slice(19, 22)}-${tail}${suffix}`;
}

export function createIdCodec(seed: number, projectId: string): JobIdCodec {
  const keys = hashWords('feistel', seed, projectId);
  const idAt = (index: number): string => {
    const rng = createRng('job-id', seed, projectId, index);
    const head = permute(index, keys, false).toString(16).padStart(8, '0');
    const variant = rng.pick(['8', '9', 'a', 'b']);
    return assemble(head, hashHex(24, 'job-id', seed, projectId, index), variant, rng.weighted(SUFFIXES));
  };
  return {
    idAt,
    indexOf: (id) => {
      if (!isJobIdShape(id) || !/^[0-9a-f]{8}$/.test(id.slice(0, 8))) return undefined;
      const index = permute(Number.parseInt(id.slice(0, 8), 16), keys, true);
      // Re-encoding proves the rest of the ID (and so the project) matches, not just the head.
      return idAt(index) === id ? index : undefined;
    },
  };
}

/**
 * A well-formed job ID that no simulated project knows: its variant nibble (c-f) is one no
 * seeded ID ever carries, so it is unknown whatever the seed, project or job count.
 */
export function unknownJobId(i: number): string {
  const rng = createRng('unknown-job-id', i);
  const head = hashHex(8, 'unknown-head', i);
  return assemble(head, hashHex(24, 'unknown-body', i), rng.pick(['c', 'd', 'e', 'f']), rng.weighted(SUFFIXES));
}
