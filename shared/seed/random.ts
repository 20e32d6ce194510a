/**
 * Seeded pseudo-random numbers for the training and demo data: the same seed always
 * gives the same numbers, on every machine and in every JavaScript engine.
 *
 * - `cyrb128` (bryc, public domain) hashes a string into four 32-bit words;
 * - `sfc32` (Chris Doty-Humphrey's Small Fast Counting generator, from PractRand)
 *   turns those four words into a stream of 32-bit numbers.
 *
 * Streams are named, not shared: `streamFor(seed, 'response', org, '2025')` depends only
 * on its name, so adding a generator or an institute never shifts the numbers that
 * other documents were made from. Not for secrets (passwords come from the server
 * command's own secure random source).
 */

/** Four 32-bit words from a string: the state that seeds sfc32. */
export function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32: a function giving the next 32-bit unsigned integer of the stream. */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  return () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return t >>> 0;
  };
}

/** 32 hexadecimal digits from any text: for revision ids of files written with `new_edits: false`. */
export function hash128Hex(text: string): string {
  return cyrb128(text)
    .map((word) => word.toString(16).padStart(8, '0'))
    .join('');
}

/** A stream of seeded random choices. */
export class Rng {
  private readonly next32: () => number;

  constructor(name: string) {
    const [a, b, c, d] = cyrb128(name);
    this.next32 = sfc32(a, b, c, d);
    // The first outputs of a fresh sfc32 state are poorly mixed; skip them.
    for (let i = 0; i < 12; i++) this.next32();
  }

  /** A number in [0, 1). */
  next(): number {
    return this.next32() / 4294967296;
  }

  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** A number in [min, max). */
  real(min: number, max: number): number {
    return min + this.next() * (max - min);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One item, each with its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let at = this.next() * total;
    for (const [item, weight] of entries) {
      at -= weight;
      if (at < 0) return item;
    }
    const last = entries.at(-1);
    if (!last) throw new Error('weighted pick from an empty list');
    return last[0];
  }

  /** A copy in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }

  /** `count` different items, in random order. */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, Math.min(count, items.length)));
  }

  /** Approximately normal (Box–Muller), for noise around a trend. */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Lower-case base-36 characters, e.g. for repeat instance ids. */
  base36(length: number): string {
    let out = '';
    for (let i = 0; i < length; i++) out += this.int(0, 35).toString(36);
    return out;
  }

  /** A version 4 UUID made from this stream: for `cmcplan:<org>:<uuid>` style ids. */
  uuid(): string {
    const hex = Array.from({ length: 32 }, () => this.int(0, 15).toString(16));
    hex[12] = '4';
    hex[16] = (8 + this.int(0, 3)).toString(16);
    const s = hex.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}

/** The stream named by the seed and the parts, independent of every other stream. */
export function streamFor(seed: number, ...parts: readonly (string | number)[]): Rng {
  return new Rng([String(seed), ...parts.map(String)].join('\u001f'));
}
