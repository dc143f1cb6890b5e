import type { ChaosProfile, Scenario } from '@krepis/kernel';
import type { Chooser } from '../engine/choice.js';
import { Run, type RunResult } from '../engine/Run.js';
import { replayChooser } from './choosers.js';
import type { ReplayPlan } from './replayToken.js';

/** Faults used when chaos is asked for but the scenario declares no profile of its own. */
export const DEFAULT_CHAOS: ChaosProfile = { latencyMs: [0, 20], ioErrorRate: 0.02, timeoutRate: 0.02, clockSkewMs: 50, crashRate: 0.2 };

/** A scenario, or a factory that builds it afresh for every run (files loaded into the vm). */
export type ScenarioSource = Scenario | (() => Scenario);

export const resolveScenario = (source: ScenarioSource): Scenario => (typeof source === 'function' ? source() : source);

export const chaosFor = (scenario: Scenario, on: boolean): ChaosProfile | undefined => (on ? (scenario.chaos ?? DEFAULT_CHAOS) : undefined);

/** Runs one schedule of `scenario`; `countStates: false` skips state hashing (a plain run nobody counts). */
export function runSchedule(source: ScenarioSource, seed: number, chooser: Chooser, chaos: boolean, trace: boolean, countStates = true): Promise<RunResult> {
  const scenario = resolveScenario(source);
  return new Run({ scenario, seed, chooser, chaos: chaosFor(scenario, chaos), trace, countStates }).execute();
}

/** Replays a plan (seed + decisions) exactly. */
export function replayPlan(scenario: ScenarioSource, plan: Pick<ReplayPlan, 'seed' | 'decisions' | 'chaos'>, trace = true): Promise<RunResult> {
  return runSchedule(scenario, plan.seed, replayChooser(plan.decisions), plan.chaos, trace);
}
