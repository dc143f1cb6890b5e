import { randomBytes, randomInt } from 'node:crypto';
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
    next: () => randomInt(0, 2 ** 48) / 2 ** 48,
    bytes: (length) => new Uint8Array(randomBytes(length)),
  };
}
