import { type Chooser, decodeDecision, defaultChoice } from '../engine/choice.js';
import type { Op } from '../engine/Task.js';
import { deriveSeed, Prng } from '../engine/prng.js';

/** Random walk: every decision uniformly at random. */
export function randomChooser(seed: number): Chooser {
  const prng = new Prng(seed);
  return { choose: (point) => prng.pick(point.ops) };
}

/** Follows recorded decisions; past their end (or where one no longer applies), never preempts. */
export function replayChooser(decisions: readonly number[]): Chooser {
  return {
    choose(point) {
      const code = decisions[point.decision];
      return (code !== undefined && code >= 0 ? decodeDecision(code, point.ops) : undefined) ?? defaultChoice(point);
    },
  };
}

/**
 * PCT (Burckhardt et al.): random task priorities, always run the highest; at d−1 random steps the
 * running task drops to a low priority. Finds any bug of depth d with probability ≥ 1/(n·k^(d−1)).
 * An op a task issued while another of its ops was pending (a lane above 0, such as a write it did
 * not await) is a thread of its own here, with its own priority, as it is for DPOR.
 */
export function pctChooser(seed: number, depth: number, expectedSteps: number): Chooser {
  const prng = new Prng(deriveSeed(seed, 11));
  const lanePrng = new Prng(deriveSeed(seed, 12));
  const changes = new Map<number, number>();
  for (let i = 1; i < depth; i++) changes.set(prng.int(1, Math.max(1, expectedSteps)), depth - i);
  const lanes = new Map<number, number>();
  const laneKey = (op: Op): number => op.task.id * 8 + op.lane;
  const priority = (op: Op): number => {
    if (op.lane === 0) return op.task.priority;
    let known = lanes.get(laneKey(op));
    if (known === undefined) lanes.set(laneKey(op), (known = lanePrng.int(depth + 1, 1_000_000)));
    return known;
  };
  const highest = (ops: readonly Op[]): Op | undefined => {
    let best = ops[0];
    for (const op of ops) if (best && priority(op) > priority(best)) best = op;
    return best;
  };
  return {
    onTask: (task) => {
      task.priority = prng.int(depth + 1, 1_000_000);
    },
    choose(point) {
      const best = highest(point.ops);
      const low = changes.get(point.step);
      if (low === undefined || !best) return best;
      if (best.lane === 0) best.task.priority = low;
      else lanes.set(laneKey(best), low);
      return highest(point.ops);
    },
  };
}
