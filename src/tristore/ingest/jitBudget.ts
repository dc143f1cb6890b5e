import { setFlagsFromString } from 'node:v8';

/**
 * TurboFan's budget for inlining into one optimized function, in bytecode bytes (V8's default
 * is 920). A bulk index runs its hot functions a few thousand times, once: with the default,
 * optimizing them (`linkFile`, `collectReferences`, `putFiles`, several times each after
 * deoptimizations) took 1.4–1.9 s of compiler-thread CPU per cold `krepis index` of the bench
 * corpus, on a 2-core machine where those threads compete with the graph engine's. At 200 it
 * took 0.2–0.4 s less over five paired runs, with the main thread no slower; the wall-clock
 * difference stayed within the machine's noise.
 */
const INLINING_BUDGET = 200;
let lowered = false;

/** Lowers V8's inlining budget for the rest of this process (a bulk index is about to start). */
export function lowerInliningBudget(): void {
  if (lowered) return;
  lowered = true;
  setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINING_BUDGET}`);
}
