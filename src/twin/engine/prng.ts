import { uniformInt as uniformIntBinding } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

// Read once: under a module loader that proxies namespaces (jiti, used by benchmarks and source-mode
// workers) every read of an imported binding is a proxy trap, and `int` runs on every decision.
const uniformInt = uniformIntBinding;

/** A seeded pseudo-random stream (xoroshiro128+): the only randomness in the twin. */
export class Prng {
  private readonly generator;

  constructor(seed: number) {
    this.generator = xoroshiro128plus(seed | 0);
  }

  /** An integer in `[from, to]`. */
  int(from: number, to: number): number {
    return uniformInt(this.generator, from, to);
  }

  /** A float in `[0, 1)`. */
  float(): number {
    return ((this.generator.next() >>> 0) + (this.generator.next() >>> 11) / 2 ** 21) / 2 ** 32;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p > 0 && this.float() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(0, items.length - 1)] as T;
  }
}

/** Derives an independent seed for a sub-stream (per task, per schedule). */
export function deriveSeed(seed: number, ...parts: number[]): number {
  let h = seed ^ 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ part, 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h | 0;
}
