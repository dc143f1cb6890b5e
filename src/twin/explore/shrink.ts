import type { ViolationKind } from '../types.js';
import type { ReplayPlan } from './replayToken.js';
import { replayPlan, type ScenarioSource } from './runOnce.js';

/**
 * Shrinks a failing schedule: the shortest prefix of decisions that still fails (the rest run
 * without preemption), then every remaining decision replaced by "no preemption" where the
 * failure survives it. The result has the fewest preemptions this greedy search can find.
 */
export async function shrinkSchedule(scenario: ScenarioSource, plan: ReplayPlan, kind: ViolationKind, maxRuns = 120): Promise<ReplayPlan> {
  let runs = 0;
  const fails = async (decisions: number[]): Promise<boolean> => {
    runs++;
    const result = await replayPlan(scenario, { ...plan, decisions }, false);
    return result.findings.some((finding) => finding.kind === kind);
  };
  let best = plan.decisions.slice();
  for (let length = 0; length < best.length && runs < maxRuns; length = Math.max(length + 1, Math.floor(length * 1.5))) {
    if (await fails(best.slice(0, length))) {
      best = best.slice(0, length);
      break;
    }
  }
  for (let i = best.length - 1; i >= 0 && runs < maxRuns; i--) {
    if (best[i] === -1) continue;
    const candidate = best.slice();
    candidate[i] = -1;
    if (await fails(candidate)) best = candidate;
  }
  return { ...plan, decisions: best };
}
