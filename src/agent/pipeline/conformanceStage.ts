import { checkSources, isExempt, mergeResults, type ConformanceIssue, type ConformanceResult } from '@krepis/kernel/conformance';
import type { Issue } from '../types.js';
import { checkDefinitions } from './loadDefinitions.js';
import { resultOf, type Stage } from './StageContext.js';

const keyOf = (issue: ConformanceIssue): string => `${issue.file ?? ''}|${issue.rule}|${issue.message}`;
const issuesOf = (result: ConformanceResult): ConformanceIssue[] => (result.ok ? [] : result.issues);

/** The kernel's conformance rules (`@krepis/kernel/conformance`) on the changed app code: source rules, then controller and service shapes (checked in a child process). */
export const conformanceStage: Stage = async (context) => {
  const sources = context.changes.filter((change) => /\.(c|m)?[jt]sx?$/.test(change.path) && !isExempt(change.path));
  const kernelFiles = sources.filter((change) => change.after.includes('@krepis/kernel'));
  if (kernelFiles.length === 0) return { ok: true, skipped: 'the change touches no kernel app code' };
  const before = new Set(issuesOf(checkSources(sources.flatMap((change) => (change.before === null ? [] : [{ path: change.path, text: change.before }])))).map(keyOf));
  const fresh = issuesOf(checkSources(sources.map((change) => ({ path: change.path, text: change.after })))).filter((issue) => !before.has(keyOf(issue)));
  const definitions = kernelFiles.filter((change) => /define(Controller|Service)\s*\(/.test(change.after));
  const loaded = definitions.length > 0 ? await checkDefinitions(await context.materialize(), definitions.map((change) => change.path), context.signal) : { controllers: 0, services: 0, issues: [], results: [] };
  const shapes = issuesOf(mergeResults(loaded.results));
  const issues: Issue[] = [...fresh, ...shapes].map((issue) => ({ file: issue.file ?? '(app)', line: issue.line ?? 0, message: `${issue.rule}: ${issue.message}` }));
  return resultOf([...issues, ...loaded.issues], `${kernelFiles.length} file(s), ${loaded.controllers} controller(s), ${loaded.services} service(s) conform`);
};
