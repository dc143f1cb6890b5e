import { randomBytes } from 'node:crypto';
import type { Random } from '../ports/index.js';

/**
 * The production {@link Random}: `node:crypto`.
 *
 * @example
 * ```ts
 * const id = Buffer.from(systemRandom().bytes(16)).toString('hex');
 * ```
 */
export function systemRandom(): Random {
  return {
    next: () => randomBytes(6).readUIntBE(0, 6) / 2 ** 48,
    bytes: (length) => new Uint8Array(randomBytes(length)),
  };
}
