import { isTestFile } from '../edits/protectedPaths.js';
import type { Issue } from '../types.js';
import type { Stage } from './StageContext.js';
import type { TwinOutcome } from './verifiers.js';

const traceText = (trace: unknown): string | undefined => (trace === undefined ? undefined : typeof trace === 'string' ? trace : JSON.stringify(trace, null, 1).slice(0, 2000));

function issuesOf(outcome: TwinOutcome): Issue[] {
  return outcome.violations.map((violation) => ({
    file: violation.file ?? violation.scenario ?? '(twin)',
    line: violation.line ?? 0,
    message: `${violation.kind}${violation.scenario ? ` in scenario ${violation.scenario}` : ''}: ${violation.message}${violation.replayToken ? ` (replay: ${violation.replayToken})` : ''}`,
    ...(violation.trace === undefined ? {} : { trace: traceText(violation.trace) }),
  }));
}

/** The twin's scenarios over the touched source files, explored in the overlay copy. */
export const twinStage: Stage = async (context) => {
  const twin = context.verifiers.twin;
  if (!twin) return { ok: true, skipped: context.verifiers.missing.twin ?? 'the twin is not available' };
  const files = context.changes.map((change) => change.path).filter((file) => /\.(c|m)?tsx?$/.test(file) && !isTestFile(file));
  if (files.length === 0) return { ok: true, skipped: 'the change touches no source file' };
  const dir = await context.materialize();
  const { strategy, budget, seed } = context.config.verify;
  const outcome = await twin(dir, { files, strategy, budget, seed, signal: context.signal });
  const data = { distinctStates: outcome.distinctStates ?? 0, transitions: outcome.transitions ?? 0, schedules: outcome.schedules ?? 0 };
  if (outcome.ok) {
    if ((outcome.scenarios ?? 1) === 0) return { ok: true, skipped: 'no twin scenario covers the touched files' };
    return { ok: true, detail: `${data.distinctStates} states, ${data.schedules} schedules, 0 violations`, data };
  }
  return { ok: false, issues: issuesOf(outcome), data };
};
