import { affectedTests } from './affectedTests.js';
import { runVitest } from './runVitest.js';
import { resultOf, type Stage } from './StageContext.js';

/** The project's tests that the change impacts, run with vitest in a child process in the overlay copy. */
export const testsStage: Stage = async (context) => {
  const files = await affectedTests(context);
  if (files.length === 0) return { ok: true, skipped: 'no test covers the changed files' };
  const dir = await context.materialize();
  const started = performance.now();
  const run = await runVitest(dir, files, { timeoutMs: context.config.agent.testTimeoutMs, signal: context.signal });
  const runMs = Math.round(performance.now() - started);
  return resultOf(run.issues, `${run.passed} test(s) passed in ${files.length} file(s)`, { files, passed: run.passed, failed: run.failed, runMs });
};
