import type { Issue } from '../types.js';
import { conventionHits } from './conventionRules.js';
import { resultOf, type Stage } from './StageContext.js';

const TS_FILE = /\.(c|m)?tsx?$/;

/** Kernel convention rules on each changed file; only breaches the change added count. */
export const conventionsStage: Stage = async ({ changes }) => {
  const issues: Issue[] = [];
  for (const change of changes) {
    if (!TS_FILE.test(change.path)) continue;
    const before = new Map<string, number>();
    for (const hit of change.before === null ? [] : conventionHits(change.path, change.before)) before.set(hit.message, (before.get(hit.message) ?? 0) + 1);
    for (const hit of conventionHits(change.path, change.after)) {
      const left = before.get(hit.message) ?? 0;
      if (left > 0) before.set(hit.message, left - 1);
      else issues.push({ file: change.path, line: hit.line, message: `${hit.rule}: ${hit.message}` });
    }
  }
  return resultOf(issues, `${changes.length} file(s) follow the kernel conventions`);
};
