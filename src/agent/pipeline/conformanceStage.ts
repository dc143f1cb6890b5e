import path from 'node:path';
import { checkControllers, checkServices, checkSources, isExempt, mergeResults, type ConformanceIssue, type ConformanceResult } from '@krepis/kernel/conformance';
import { createJiti } from 'jiti';
import type { Issue } from '../types.js';
import { resultOf, type Stage } from './StageContext.js';

const keyOf = (issue: ConformanceIssue): string => `${issue.file ?? ''}|${issue.rule}|${issue.message}`;
const issuesOf = (result: ConformanceResult): ConformanceIssue[] => (result.ok ? [] : result.issues);

/** Controllers and services a changed module exports, loaded from the overlay copy. */
async function definitionsIn(dir: string, files: readonly string[]): Promise<{ controllers: unknown[]; services: unknown[]; issues: Issue[] }> {
  const jiti = createJiti(path.join(dir, 'index.js'), { moduleCache: false, fsCache: false });
  const found = { controllers: [] as unknown[], services: [] as unknown[], issues: [] as Issue[] };
  for (const file of files) {
    try {
      const exports = (await jiti.import(path.join(dir, file))) as Record<string, unknown>;
      for (const value of Object.values(exports)) {
        const kind = (value as { kind?: unknown } | null)?.kind;
        if (kind === 'controller') found.controllers.push(value);
        if (kind === 'service') found.services.push(value);
      }
    } catch (error) {
      found.issues.push({ file, line: 0, message: `could not load the module to check its definitions: ${(error as Error).message.split('\n')[0] ?? ''}` });
    }
  }
  return found;
}

/** The kernel's conformance rules (`@krepis/kernel/conformance`) on the changed app code: source rules, then controller and service shapes. */
export const conformanceStage: Stage = async (context) => {
  const sources = context.changes.filter((change) => /\.(c|m)?[jt]sx?$/.test(change.path) && !isExempt(change.path));
  const kernelFiles = sources.filter((change) => change.after.includes('@krepis/kernel'));
  if (kernelFiles.length === 0) return { ok: true, skipped: 'the change touches no kernel app code' };
  const before = new Set(issuesOf(checkSources(sources.flatMap((change) => (change.before === null ? [] : [{ path: change.path, text: change.before }])))).map(keyOf));
  const fresh = issuesOf(checkSources(sources.map((change) => ({ path: change.path, text: change.after })))).filter((issue) => !before.has(keyOf(issue)));
  const definitions = kernelFiles.filter((change) => /define(Controller|Service)\s*\(/.test(change.after));
  const loaded = definitions.length > 0 ? await definitionsIn(await context.materialize(), definitions.map((change) => change.path)) : { controllers: [], services: [], issues: [] };
  const shapes = issuesOf(mergeResults([checkControllers(loaded.controllers), checkServices(loaded.services)]));
  const issues: Issue[] = [...fresh, ...shapes].map((issue) => ({ file: issue.file ?? '(app)', line: issue.line ?? 0, message: `${issue.rule}: ${issue.message}` }));
  return resultOf([...issues, ...loaded.issues], `${kernelFiles.length} file(s), ${loaded.controllers.length} controller(s), ${loaded.services.length} service(s) conform`);
};
