import { createHash } from 'node:crypto';

/** Something a stream of generated data can be keyed on. */
export type SeedPart = string | number;

/** SHA-256 of the joined parts: every (seed, project, job, purpose) gets independent material. */
function digest(parts: readonly SeedPart[]): Buffer {
  return createHash('sha256').update(parts.join('\u0000')).digest();
}

/** `length` lowercase hex characters derived from the parts (at most 64). */
export function hashHex(length: number, ...parts: SeedPart[]): string {
  return digest(parts).toString('hex').slice(0, length);
}

/** Four 32-bit words derived from the parts. */
export function hashWords(...parts: SeedPart[]): [number, number, number, number] {
  const d = digest(parts);
  return [d.readUInt32LE(0), d.readUInt32LE(4), d.readUInt32LE(8), d.readUInt32LE(12)];
}

/** A deterministic pseudo-random stream (sfc32 generator). */
export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  weighted<K extends string>(table: Readonly<Record<K, number>>): K;
  hex(length: number): string;
  /** A lowercase v4-shaped UUID (VPC, subnet and security-group ids look like this). */
  uuid(): string;
}

export function createRng(...parts: SeedPart[]): Rng {
  let [a, b, c, d] = hashWords(...parts);
  const nextWord = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  // sfc32 wants a few rounds before its output is well mixed.
  for (let i = 0; i < 12; i++) nextWord();

  const next = (): number => nextWord() / 4294967296;
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  };
  const hex = (length: number): string => {
    let out = '';
    while (out.length < length) out += nextWord().toString(16).padStart(8, '0');
    return out.slice(0, length);
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted: <K extends string>(table: Readonly<Record<K, number>>): K => {
      const entries = Object.entries(table) as [K, number][];
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0);
      for (const [key, weight] of entries) {
        roll -= weight;
        if (roll < 0) return key;
      }
      return pick(entries)[0];
    },
    hex,
    uuid: () => {
      const h = hex(32);
      const variant = '89ab'[int(0, 3)] ?? '8';
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
    },
  };
}
