import type { GatheredContext } from '../context/gatherContext.js';
import type { AgentReport, PlanStep } from '../types.js';
import { attemptScore } from './bestAttempt.js';
import type { AttemptOutput } from './runAttempt.js';

export interface ReportInput {
  attempts: AttemptOutput[];
  plan: PlanStep[];
  context: GatheredContext;
  allowTestEdits: boolean;
  tokens: AgentReport['tokens'];
  started: number;
  aborted: boolean;
  maxAttempts: number;
  /** Why the loop stopped early when the model failed after the first attempt. */
  modelFailure?: string;
}

/** The task's report: every attempt, the verified (or best) change, and one line saying why it ended so. */
export function buildReport(input: ReportInput): AgentReport {
  const reports = input.attempts.map((attempt) => attempt.report);
  const verified = input.attempts.find((attempt) => attempt.report.outcome === 'verified');
  const best = verified ?? [...input.attempts].filter((attempt) => attempt.changes.length > 0).sort((a, b) => attemptScore(b.report) - attemptScore(a.report))[0];
  const status = verified ? 'verified' : input.aborted ? 'aborted' : 'failed';
  const last = reports.at(-1);
  const reason = verified ? `verified on attempt ${verified.report.attempt} of ${input.maxAttempts}` : input.aborted ? `stopped by the user after ${reports.length} attempt(s); nothing was written` : `no attempt verified in ${reports.length} of ${input.maxAttempts} attempt(s)${last ? `; the last failed at ${failedWhere(last)}` : ''}${input.modelFailure ? `; then ${input.modelFailure}` : ''}`;
  return {
    status,
    reason,
    attempts: reports,
    ...(best ? { change: { files: best.changes, diff: best.report.diff ?? '', summary: best.report.summary ?? '' }, bestAttempt: best.report.attempt } : {}),
    ...(input.plan.length > 0 ? { plan: input.plan } : {}),
    context: { source: input.context.source, items: input.context.items.length, tokens: input.context.tokens, omitted: input.context.omitted },
    testEdits: { allowed: input.allowTestEdits, files: [...new Set(input.attempts.flatMap((attempt) => attempt.testFiles))] },
    tokens: input.tokens,
    timeMs: Math.round(performance.now() - input.started),
    hallucinations: reports.reduce((sum, report) => sum + report.hallucinations, 0),
  };
}

function failedWhere(report: AgentReport['attempts'][number]): string {
  if (report.outcome === 'edit-rejected') return `the edit (${report.editIssues[0]?.message ?? 'unusable answer'})`;
  const failed = report.stages.find((stage) => stage.status === 'failed');
  return failed ? `the ${failed.stage} stage` : report.outcome;
}
