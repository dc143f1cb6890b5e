import path from 'node:path';
import { glob } from 'tinyglobby';
import { ts } from 'ts-morph';
import type { StageContext } from './StageContext.js';

const TEST_GLOBS = ['**/*.{test,spec}.{ts,tsx,mts,cts,js,mjs}'];
const MAX_DEPTH = 4;

function importsOf(file: string, text: string, options: ts.CompilerOptions): string[] {
  return ts.preProcessFile(text, true, false).importedFiles.flatMap(({ fileName }) => {
    if (!fileName.startsWith('.')) return [];
    const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule;
    return resolved ? [resolved.resolvedFileName] : [];
  });
}

/** Test files (in the overlay) that reach one of `changed` through relative imports, up to a few hops. */
async function testsReaching(context: StageContext, changed: Set<string>): Promise<string[]> {
  const onDisk = await glob(TEST_GLOBS, { cwd: context.root, ignore: ['**/node_modules/**', '**/dist/**', '.krepis/**'] });
  const created = context.changes.filter((change) => change.before === null && /\.(test|spec)\./.test(change.path)).map((change) => change.path);
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
  return reaching;
}

/** The tests a change impacts: the Tri-Store's test edges when there is a store, plus the import graph. */
export async function affectedTests(context: StageContext): Promise<string[]> {
  const changed = new Set(context.changes.map((change) => path.join(context.root, change.path)));
  const fromGraph = await testsReaching(context, changed);
  const fromStore = context.tristore ? await context.tristore.impactedTests({ files: context.changes.map((change) => change.path), symbols: [] }) : [];
  return [...new Set([...fromGraph, ...fromStore])].sort();
}
