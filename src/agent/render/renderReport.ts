import { colorDiff, diffStats, type DiffColors } from '../change/diff.js';
import type { AgentReport, AttemptReport, StageOutcome } from '../types.js';

export interface ReportColors extends DiffColors {
  yellow(text: string): string;
  dim(text: string): string;
}

const mark = (outcome: StageOutcome, c: ReportColors): string => {
  switch (outcome.status) {
    case 'passed':
      return c.green('✓');
    case 'failed':
      return c.red('✗');
    case 'skipped':
      return c.yellow('–');
    case 'not-run':
      return c.dim('·');
    default:
      return outcome satisfies never;
  }
};

function stageLine(outcome: StageOutcome, c: ReportColors): string {
  const detail = outcome.status === 'passed' ? (outcome.detail ?? '') : outcome.status === 'failed' ? `${outcome.issues.length} issue(s)` : outcome.reason;
  const ms = 'ms' in outcome ? c.dim(` ${outcome.ms} ms`) : '';
  return `  ${mark(outcome, c)} ${outcome.stage.padEnd(13)} ${detail}${ms}`;
}

function twinStates(attempt: AttemptReport | undefined): string {
  const twin = attempt?.stages.find((stage) => stage.stage === 'twin');
  return twin?.status === 'passed' ? ` · twin ${String(twin.data?.distinctStates ?? 0)} states` : '';
}

/** The report for people: the colored diff, each stage of the shown attempt, and one summary line. */
export function renderReport(report: AgentReport, c: ReportColors): string[] {
  const shown = report.attempts.find((attempt) => attempt.attempt === report.bestAttempt) ?? report.attempts.at(-1);
  const lines: string[] = [];
  if (report.change?.diff) lines.push(colorDiff(report.change.diff.trimEnd(), c), '');
  if (shown) {
    lines.push(c.bold(`Attempt ${shown.attempt}${report.status === 'verified' ? '' : ' (best, not verified)'}:`));
    lines.push(...shown.stages.map((stage) => stageLine(stage, c)));
    for (const issue of shown.editIssues) lines.push(`  ${c.red('✗')} edit          ${issue.file}: ${issue.message}`);
  }
  const failed = shown?.stages.find((stage) => stage.status === 'failed');
  if (report.status !== 'verified' && failed?.status === 'failed') {
    lines.push('', c.bold('Issues:'), ...failed.issues.slice(0, 10).map((issue) => `  ${issue.file}${issue.line > 0 ? `:${issue.line}` : ''}: ${issue.message}`));
  }
  const stats = report.change ? diffStats(report.change.diff) : { added: 0, removed: 0 };
  const verdict = report.status === 'verified' ? c.green('verified') : report.status === 'aborted' ? c.yellow('aborted') : c.red('not verified');
  lines.push(
    '',
    `${verdict}: ${report.reason}`,
    c.dim(`${report.attempts.length} attempt(s) · ${report.tokens.prompt + report.tokens.completion} tokens (${report.tokens.completion} generated) · ${(report.timeMs / 1000).toFixed(1)} s · +${stats.added} −${stats.removed}${twinStates(shown)} · ${report.hallucinations} hallucination(s) · context ${report.context.source}, ${report.context.tokens} tokens${report.context.omitted.length > 0 ? `, ${report.context.omitted.length} left out` : ''}`),
  );
  if (report.testEdits.files.length > 0) lines.push(c.yellow(`test files changed (the task asked for it): ${report.testEdits.files.join(', ')}`));
  return lines;
}
