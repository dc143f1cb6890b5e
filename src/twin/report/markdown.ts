import type { VerifyReport } from '../types.js';
import { formatTrace, summaryLine } from './text.js';

/** A Markdown report for pull requests. */
export function markdownReport(report: VerifyReport): string {
  const rows = report.scenarios.map((s) => `| ${s.ok ? '✅' : '❌'} | ${s.name} | ${s.strategy} | ${s.schedules} | ${s.distinctStates} | ${s.violations.length} |`);
  const violations = report.violations.map((v) =>
    [`### ❌ ${v.kind}: ${v.scenario}`, '', v.message, '', '```', ...formatTrace(v.trace), '```', '', `Replay: \`krepis verify --replay ${v.replayToken}\``, ''].join('\n'),
  );
  return [`## Twin verification: ${report.ok ? 'passed' : 'failed'}`, '', summaryLine(report), '', '| | scenario | strategy | schedules | states | violations |', '|---|---|---|---|---|---|', ...rows, '', ...violations].join('\n');
}
