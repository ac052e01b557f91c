import { hash } from 'node:crypto';

/** Something a stream of generated data can be keyed on. */
export type SeedPart = string | number;

/** SHA-256 of the joined parts: every (seed, project, job, purpose) gets independent material. */
function digest(parts: readonly SeedPart[]): Buffer {
  // One-shot hash: no Hash object per call (this runs several times per job and request).
  return hash('sha256', parts.join('\u0000'), 'buffer') as unknown as Buffer;
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

/**
 * A cheap 32-bit integer hash (murmur3 finaliser over each part), for values that change with
 * the clock many times per job (delay buckets, rows): far cheaper than a SHA-256 per call.
 */
export function hash32(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ (part | 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h ^ Math.floor(part / 4294967296), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
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

/** Two hex digits per byte value: hex() is the hottest generator call (IDs, UUIDs, secrets). */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * sfc32 as a class: the generator is created for every job and purpose on the hot path, and
 * prototype methods cost nothing per instance where a bag of closures did (see bench/simulator.ts).
 */
class Sfc32 implements Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor([a, b, c, d]: readonly [number, number, number, number]) {
    this.a = a;
    this.b = b;
    this.c = c;
    this.d = d;
    // sfc32 wants a few rounds before its output is well mixed.
    for (let i = 0; i < 12; i++) this.word();
  }

  private word(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  next(): number {
    return this.word() / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  weighted<K extends string>(table: Readonly<Record<K, number>>): K {
    // for…in visits keys in Object.entries order without allocating the entries.
    let total = 0;
    for (const key in table) total += table[key];
    let roll = this.next() * total;
    let last: K | undefined;
    for (const key in table) {
      roll -= table[key];
      if (roll < 0) return key;
      last = key;
    }
    if (last === undefined) throw new Error('weighted pick from an empty table');
    return last;
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      const w = this.word();
      out += `${HEX[w >>> 24]}${HEX[(w >>> 16) & 255]}${HEX[(w >>> 8) & 255]}${HEX[w & 255]}`;
    }
    return out.slice(0, length);
  }

  uuid(): string {
    const h = this.hex(32);
    const variant = '89ab'[this.int(0, 3)] ?? '8';
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

export function createRng(...parts: SeedPart[]): Rng {
  return new Sfc32(hashWords(...parts));
}
