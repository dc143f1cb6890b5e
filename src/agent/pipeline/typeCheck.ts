import path from 'node:path';
import { ts } from 'ts-morph';
import type { Issue } from '../types.js';
import type { StageContext, TypeCheckResult } from './StageContext.js';

/** Diagnostics that mean "this name, member or module does not exist": the model made it up. */
const HALLUCINATION_CODES = new Set([2304, 2305, 2307, 2339, 2503, 2551, 2552, 2580, 2614, 2694, 2724, 2792]);

const keyOf = (diagnostic: ts.Diagnostic): string => `${diagnostic.file?.fileName ?? ''}|${diagnostic.code}|${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;

function toIssue(root: string, diagnostic: ts.Diagnostic): Issue {
  const file = diagnostic.file ? path.relative(root, diagnostic.file.fileName) : '(project)';
  const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
  return { file, line, message: `TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}` };
}

/** Diagnostic keys of `files` as the project stands on disk, computed once per file and kept. */
const baselines = new WeakMap<object, Map<string, string[]>>();

function baselineKeys(context: StageContext, files: readonly string[], overlay: ReadonlyMap<string, string>): Set<string> {
  let cache = baselines.get(context.project);
  if (!cache) baselines.set(context.project, (cache = new Map()));
  const missing = files.filter((file) => !cache.has(file));
  if (missing.length > 0) {
    context.project.setOverlay(new Map());
    for (const file of missing) cache.set(file, context.project.diagnostics([file]).map(keyOf));
    context.project.setOverlay(overlay);
  }
  return new Set(files.flatMap((file) => cache.get(file) ?? []));
}

/**
 * Type-checks the files a change can affect (changed files and their dependents) in the overlay,
 * keeping only diagnostics the change introduced; splits out hallucinated names and modules.
 */
export function typeCheck(context: StageContext): TypeCheckResult {
  if (context.typeCheck) return context.typeCheck;
  const overlay = new Map(context.changes.map((change) => [change.path, change.after] as const));
  const changed = context.project.setOverlay(overlay).filter((file) => /\.(c|m)?tsx?$/.test(file));
  const affected = [...new Set([...changed, ...context.project.dependents(changed)])].filter((file) => context.project.program.getSourceFile(file) !== undefined);
  const diagnostics = context.project.diagnostics(affected);
  const onDisk = affected.filter((file) => context.overlay.readDisk(path.relative(context.root, file)) !== null);
  const baseline = diagnostics.length > 0 ? baselineKeys(context, onDisk, overlay) : new Set<string>();
  const fresh = diagnostics.filter((diagnostic) => !baseline.has(keyOf(diagnostic)));
  const result: TypeCheckResult = {
    issues: fresh.filter((diagnostic) => !HALLUCINATION_CODES.has(diagnostic.code)).map((diagnostic) => toIssue(context.root, diagnostic)),
    hallucinations: fresh.filter((diagnostic) => HALLUCINATION_CODES.has(diagnostic.code)).map((diagnostic) => toIssue(context.root, diagnostic)),
    checkedFiles: affected.length,
    preexisting: diagnostics.length - fresh.length,
  };
  context.typeCheck = result;
  return result;
}
