import { type Chooser, decodeDecision, defaultChoice } from '../engine/choice.js';
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
 */
export function pctChooser(seed: number, depth: number, expectedSteps: number): Chooser {
  const prng = new Prng(deriveSeed(seed, 11));
  const changes = new Map<number, number>();
  for (let i = 1; i < depth; i++) changes.set(prng.int(1, Math.max(1, expectedSteps)), depth - i);
  return {
    onTask: (task) => {
      task.priority = prng.int(depth + 1, 1_000_000);
    },
    choose(point) {
      let best = point.ops[0];
      for (const op of point.ops) if (best && op.task.priority > best.task.priority) best = op;
      const low = changes.get(point.step);
      if (low !== undefined && best) {
        best.task.priority = low;
        for (const op of point.ops) if (op.task.priority > best.task.priority) best = op;
      }
      return best;
    },
  };
}
