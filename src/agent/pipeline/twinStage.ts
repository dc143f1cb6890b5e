import { formatTrace, verifyProject, type Violation } from '../../twin/index.js';
import type { Issue } from '../types.js';
import { affectedScenarios } from './affectedTests.js';
import type { Stage } from './StageContext.js';

function issueOf(violation: Violation): Issue {
  return {
    file: violation.file ?? violation.scenario,
    line: violation.line ?? 0,
    message: `${violation.kind} in scenario "${violation.scenario}": ${violation.message} (replay: krepis verify --replay ${violation.replayToken})`,
    trace: formatTrace(violation.trace).slice(0, 40).join('\n'),
  };
}

/** The twin's scenarios that exercise the touched files, explored in the overlay copy; a failure carries its shrunk trace. */
export const twinStage: Stage = async (context) => {
  const scenarios = await affectedScenarios(context);
  if (scenarios.length === 0) return { ok: true, skipped: 'no twin scenario (*.twin.ts) exercises the touched files' };
  const dir = await context.materialize();
  const { strategy, budget, seed, preemptionBound } = context.config.verify;
  const started = performance.now();
  const report = await verifyProject(dir, { files: scenarios, strategy, budget, seed, preemptionBound, ...(context.signal ? { signal: context.signal } : {}) });
  const data = { scenarios, distinctStates: report.distinctStates, transitions: report.transitions, schedules: report.schedules, runMs: Math.round(performance.now() - started) };
  if (report.ok) return { ok: true, detail: `${report.distinctStates} states, ${report.schedules} schedules in ${scenarios.length} scenario(s), 0 violations`, data };
  return { ok: false, issues: report.violations.map(issueOf), data };
};
