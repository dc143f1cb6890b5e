import type { TraceStep, VerifyReport, Violation } from '../types.js';

const fmt = (n: number): string => n.toLocaleString('en-US');

/** A readable trace: which task did what, at which virtual time. */
export function formatTrace(trace: readonly TraceStep[]): string[] {
  const width = Math.max(4, ...trace.map((step) => step.task.length));
  return trace.map((step) => `  #${String(step.step).padStart(3)}  t=${String(step.time).padStart(5)}ms  ${step.task.padEnd(width)}  ${step.op}${step.note ? `  ${step.note}` : ''}`);
}

/** The one-line coverage summary, e.g. `1,234 states · 0 races · 0 deadlocks`. */
export function summaryLine(report: VerifyReport): string {
  const deadlocks = report.violations.filter((violation) => violation.kind === 'deadlock').length;
  const races = report.scenarios.reduce((sum, scenario) => sum + scenario.races, 0);
  return `${fmt(report.distinctStates)} states · ${fmt(report.transitions)} transitions · ${fmt(report.schedules)} schedules · ${fmt(races)} races · ${deadlocks} deadlocks · ${report.violations.length} violations`;
}

export function formatViolation(violation: Violation): string[] {
  return [
    `✗ [${violation.kind}] ${violation.scenario}${violation.file ? ` (${violation.file})` : ''}`,
    `  ${violation.message}`,
    ...formatTrace(violation.trace),
    `  replay: krepis verify --replay ${violation.replayToken}`,
  ];
}

/** Human output of `krepis verify`. */
export function formatReport(report: VerifyReport): string[] {
  const lines = report.scenarios.map((scenario) => {
    const mark = scenario.ok ? '✓' : '✗';
    const coverage = `${fmt(scenario.distinctStates)} states, ${fmt(scenario.schedules)} schedules (${scenario.strategy}${scenario.complete ? ', complete' : ''})`;
    const workload = scenario.workload ? ` · ${fmt(scenario.workload.requests)} requests, p99 ${scenario.workload.latencyMs.p99} ms virtual` : '';
    return `${mark} ${scenario.name}  ${coverage}${workload}  ${scenario.wallMs} ms`;
  });
  return [...lines, ...report.violations.flatMap(formatViolation), '', summaryLine(report), `virtual ${fmt(report.virtualMs)} ms in ${fmt(report.wallMs)} ms wall`];
}
