/**
 * Randomness, the only source kernel and app code may use (never `Math.random` or
 * `crypto.randomBytes` directly). Production uses `systemRandom()` (crypto-strong); the twin
 * uses a seeded generator so every run is reproducible.
 *
 * @example
 * ```ts
 * const jitterMs = Math.floor(random.next() * 100);
 * const token = Buffer.from(random.bytes(32)).toString('base64url');
 * ```
 */
export interface Random {
  /** A uniformly distributed float in `[0, 1)`. */
  next(): number;
  /** `length` random bytes (crypto-strong in production). */
  bytes(length: number): Uint8Array;
}
