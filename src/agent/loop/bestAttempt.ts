import { STAGE_ORDER, type AttemptReport } from '../types.js';

/** How far an attempt got: verified beats everything, then the furthest stage reached, then fewer issues. */
export function attemptScore(report: AttemptReport): number {
  if (report.outcome === 'verified') return Number.MAX_SAFE_INTEGER;
  if (report.outcome !== 'failed') return -1;
  const passed = report.stages.filter((stage) => stage.status === 'passed' || stage.status === 'skipped').length;
  const issues = report.stages.reduce((sum, stage) => sum + (stage.status === 'failed' ? stage.issues.length : 0), 0);
  return passed * 1000 - Math.min(issues, 999) + STAGE_ORDER.length;
}
