import type { Scenario } from '@krepis/kernel';
import type { Chooser } from '../engine/choice.js';
import { wallMs } from '../engine/host.js';
import { deriveSeed } from '../engine/prng.js';
import type { Finding, RunResult } from '../engine/Run.js';
import type { ExplorationStrategy, ScenarioReport, Violation, VerifyProgress } from '../types.js';
import { pctChooser, randomChooser } from './choosers.js';
import { DfsExplorer } from './dfs.js';
import { encodeReplayToken, type ReplayPlan } from './replayToken.js';
import { replayPlan, runSchedule, type ScenarioSource } from './runOnce.js';
import { shrinkSchedule } from './shrink.js';
import { workloadStats } from './workloadStats.js';

export interface ExploreOptions {
  strategy: ExplorationStrategy;
  budget: number;
  seed: number;
  preemptionBound?: number;
  depth?: number;
  chaos: boolean;
  stopOnFirst: boolean;
  file?: string;
  /** Builds the scenario afresh for every run (files loaded into the vm); default: reuse `scenario`. */
  fresh?: () => Scenario;
  /** Shrink failing schedules (off for benchmarks that only count runs). Default true. */
  shrink?: boolean;
  /** Only schedules whose index % stride === offset (splitting random/PCT work across workers). */
  partition?: { offset: number; stride: number };
  /** Shared set of state digests (distinct states across the whole exploration). */
  states?: Set<number>;
  signal?: AbortSignal;
  onProgress?: (progress: VerifyProgress) => void;
}

interface Schedule {
  chooser: Chooser;
  seed: number;
}

function scheduleSource(options: ExploreOptions, lastSteps: () => number): { next(i: number): Schedule | undefined; afterRun(): void; complete(): boolean } {
  const { strategy, seed } = options;
  switch (strategy) {
    case 'random':
    case 'pct': {
      const make = (i: number, s: number): Chooser => (strategy === 'random' ? randomChooser(deriveSeed(s, 7, i)) : pctChooser(deriveSeed(s, 7, i), options.depth ?? 3, lastSteps()));
      return {
        next: (i) => ({ chooser: make(i, seed), seed: i === 0 ? seed : deriveSeed(seed, i) }),
        afterRun: () => undefined,
        complete: () => false,
      };
    }
    case 'dpor':
    case 'exhaustive': {
      const dfs = new DfsExplorer(strategy, options.preemptionBound ?? (strategy === 'dpor' ? 2 : Infinity), options.partition);
      return {
        next: () => {
          const chooser = dfs.nextChooser();
          return chooser ? { chooser, seed } : undefined;
        },
        afterRun: () => dfs.afterRun(),
        complete: () => dfs.complete,
      };
    }
    default:
      return strategy satisfies never;
  }
}

async function toViolation(scenario: Scenario, source: ScenarioSource, finding: Finding, plan: ReplayPlan, options: ExploreOptions): Promise<Violation> {
  const shrunk = options.shrink === false ? plan : await shrinkSchedule(source, plan, finding.kind);
  const replay = await replayPlan(source, shrunk, true);
  const shown = replay.findings.find((candidate) => candidate.kind === finding.kind) ?? finding;
  const used = replay.findings.length > 0 ? shrunk : plan;
  const trace = (replay.findings.length > 0 ? replay : await replayPlan(source, plan, true)).trace;
  return {
    kind: shown.kind,
    message: shown.message,
    scenario: scenario.name,
    ...(options.file ? { file: options.file } : {}),
    trace: trace.filter((step) => step.step <= shown.step),
    replayToken: encodeReplayToken(used),
    ...(shown.details ? { details: shown.details } : {}),
  };
}

/** Explores one scenario with one strategy within a schedule budget; violations come back shrunk and replayable. */
export async function exploreScenario(scenario: Scenario, options: ExploreOptions): Promise<ScenarioReport> {
  const started = wallMs();
  const states = options.states ?? new Set<number>();
  const violations: Violation[] = [];
  let steps = 0;
  let schedules = 0;
  let virtualMs = 0;
  const races = new Set<string>();
  let first: RunResult | undefined;
  let lastSteps = 20;
  const source = scheduleSource(options, () => lastSteps);
  const scenarioSource: ScenarioSource = options.fresh ?? scenario;
  const stride = options.partition?.stride ?? 1;
  for (let i = options.partition?.offset ?? 0; schedules < options.budget; i += stride) {
    if (options.signal?.aborted) break;
    const schedule = source.next(i);
    if (!schedule) break;
    const result = await runSchedule(scenarioSource, schedule.seed, schedule.chooser, options.chaos, false);
    first ??= result;
    schedules++;
    steps += result.steps;
    lastSteps = Math.max(lastSteps, result.steps);
    virtualMs = Math.max(virtualMs, result.virtualMs);
    for (const loc of result.races) races.add(loc);
    for (const state of result.states) states.add(state);
    source.afterRun();
    for (const finding of result.findings) {
      if (violations.some((known) => known.kind === finding.kind)) continue;
      violations.push(await toViolation(scenario, scenarioSource, finding, { scenario: scenario.name, seed: schedule.seed, decisions: result.decisions, chaos: options.chaos }, options));
    }
    if (schedules % 64 === 0) options.onProgress?.({ scenario: scenario.name, schedules, budget: options.budget, distinctStates: states.size, violations: violations.length });
    if (violations.length > 0 && options.stopOnFirst) break;
  }
  const setupError = violations.find((violation) => violation.kind === 'error' && violation.details?.phase === 'setup');
  return {
    name: scenario.name,
    ...(options.file ? { file: options.file } : {}),
    ok: violations.length === 0,
    strategy: options.strategy,
    seed: options.seed,
    schedules,
    distinctStates: states.size,
    transitions: steps,
    races: races.size,
    violations,
    wallMs: Math.round(wallMs() - started),
    virtualMs,
    complete: source.complete(),
    ...(scenario.workload && first ? { workload: workloadStats(first) } : {}),
    ...(setupError ? { error: `setup failed: ${setupError.message}` } : {}),
  };
}
