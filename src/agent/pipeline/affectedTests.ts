import path from 'node:path';
import { glob } from 'tinyglobby';
import { ts } from 'ts-morph';
import type { StageContext } from './StageContext.js';

const TEST_GLOBS = ['**/*.{test,spec}.{ts,tsx,mts,cts,js,mjs}'];
const IGNORED = ['**/node_modules/**', '**/dist/**', '.krepis/**', '.git/**'];
const MAX_DEPTH = 4;

function importsOf(file: string, text: string, options: ts.CompilerOptions): string[] {
  return ts.preProcessFile(text, true, false).importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule;
    return resolved ? [resolved.resolvedFileName] : [];
  });
}

/**
 * Files matching `globs` (in the overlay: new ones included) that reach a changed file through
 * relative imports, within a few hops. Relative paths, sorted.
 */
export async function filesReachingChange(context: StageContext, globs: string[], isCandidate: (rel: string) => boolean): Promise<string[]> {
  const changed = new Set(context.changes.map((change) => path.join(context.root, change.path)));
  const onDisk = await glob(globs, { cwd: context.root, ignore: IGNORED });
  const created = context.changes.filter((change) => change.before === null && isCandidate(change.path)).map((change) => change.path);
  const read = (abs: string) => context.overlay.read(path.relative(context.root, abs)) ?? '';
  const reaching: string[] = [];
  for (const rel of new Set([...onDisk, ...created])) {
    let frontier = [path.join(context.root, rel)];
    const seen = new Set(frontier);
    for (let depth = 0; depth <= MAX_DEPTH && frontier.length > 0; depth += 1) {
      if (frontier.some((file) => changed.has(file))) {
        reaching.push(rel);
        break;
      }
      frontier = frontier.flatMap((file) => importsOf(file, read(file), context.project.config.options)).filter((file) => !seen.has(file) && seen.add(file));
    }
  }
  return reaching.sort();
}

/** The tests a change impacts: the Tri-Store's test edges when there is a store, plus the import graph. */
export async function affectedTests(context: StageContext): Promise<string[]> {
  const fromGraph = await filesReachingChange(context, TEST_GLOBS, (rel) => /\.(test|spec)\./.test(rel));
  const fromStore = context.tristore ? await context.tristore.impactedTests({ files: context.changes.map((change) => change.path), symbols: [] }) : [];
  return [...new Set([...fromGraph, ...fromStore])].sort();
}

/** Twin scenarios (`*.twin.ts`) that exercise a changed file. */
export const affectedScenarios = (context: StageContext): Promise<string[]> => filesReachingChange(context, ['**/*.twin.ts'], (rel) => rel.endsWith('.twin.ts'));
