/** 2×32-bit string hashing for state digests (53-bit numbers keep collisions rare at 10⁷ states). */
const cache = new Map<string, number>();

function fnv(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A 32-bit hash of a string, memoised for short strings (locations, labels). */
export function hash32(text: string): number {
  const known = cache.get(text);
  if (known !== undefined) return known;
  const h = fnv(text, 0x811c9dc5);
  if (text.length < 96 && cache.size < 200_000) cache.set(text, h);
  return h;
}

/** The second, independent half. */
export function hash32b(text: string): number {
  return fnv(text, 0x2545f491);
}

/** Mixes two 32-bit values into one. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ (b >>> 16), 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A digest of bytes. */
export function hashBytes(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const byte of bytes) h = Math.imul(h ^ byte, 0x01000193);
  return h >>> 0;
}

/** Two 32-bit halves → one 53-bit number usable as a Set key. */
export const join53 = (hi: number, lo: number): number => (hi & 0x1fffff) * 0x1_0000_0000 + (lo >>> 0);
