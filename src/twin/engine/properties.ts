import type { Check, LivenessProperty } from '@krepis/kernel';
import type { ViolationKind } from '../types.js';
import type { Run } from './Run.js';

export interface LivenessState {
  readonly satisfied: Set<string>;
}

function evaluate<App>(run: Run, check: Check<App>): string | undefined {
  try {
    const verdict = check(run.app as App, run.view());
    if (verdict === false) return 'does not hold';
    if (typeof verdict === 'string') return verdict;
    return undefined;
  } catch (error) {
    return `threw ${error instanceof Error ? error.message : String(error)}`;
  }
}

/** Checks every property of `checks` against the current state; each failure becomes a finding of `kind`. */
export function checkProperties<App>(run: Run, checks: Readonly<Record<string, Check<App>>> | undefined, kind: ViolationKind): void {
  if (!checks) return;
  for (const [name, check] of Object.entries(checks)) {
    const problem = evaluate(run, check);
    if (problem !== undefined) run.report(kind, `${kind === 'crash-recovery' ? 'after crash recovery, ' : ''}invariant "${name}" ${problem === 'does not hold' ? 'does not hold' : `fails: ${problem}`}`, { property: name });
  }
}

/** Marks liveness properties that became true; at `end` (or past a deadline) the others are violations. */
export function checkLiveness<App>(run: Run, properties: Readonly<Record<string, LivenessProperty<App>>> | undefined, state: LivenessState, end: boolean): void {
  if (!properties) return;
  const elapsed = run.now - run.startedAt;
  for (const [name, property] of Object.entries(properties)) {
    if (state.satisfied.has(name)) continue;
    if (evaluate(run, property.eventually) === undefined) {
      state.satisfied.add(name);
      continue;
    }
    const late = property.withinMs !== undefined && elapsed > property.withinMs;
    if (end || late) run.report('liveness', `"${name}" never became true${property.withinMs === undefined ? '' : ` within ${property.withinMs} ms of virtual time`}`, { property: name });
  }
}

/** The checks at the end of a run (or of its recovery): invariants, `finally`, liveness, unjoined failed tasks. */
export function checkAtEnd(run: Run, liveness: LivenessState, recovered: boolean): void {
  const scenario = run.options.scenario;
  const kind: ViolationKind = recovered ? 'crash-recovery' : 'invariant';
  checkProperties(run, scenario.invariants, kind);
  checkProperties(run, scenario.finally, kind);
  if (!recovered) checkLiveness(run, scenario.liveness, liveness, true);
  for (const task of run.tasks) {
    if (task.kind === 'spawn' && task.status === 'failed' && !task.joined) {
      run.report('unhandled-rejection', `${task.name} failed and nobody awaited it: ${task.error instanceof Error ? task.error.message : String(task.error)}`, { task: task.name });
    }
  }
}
