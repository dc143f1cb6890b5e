import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import type { BatchItem } from './types.js';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '/index.ts', '/index.tsx'];

/** The project file a relative import points at (`./x.js` → `x.ts`), if it exists. */
function resolveImport(root: string, from: string, specifier: string): string | undefined {
  const base = path.join(path.dirname(from), specifier);
  const stem = base.replace(/\.(m|c)?js$/, '');
  for (const candidate of [base, ...EXTENSIONS.map((ext) => stem + ext)]) {
    if (/\.(m|c)?tsx?$/.test(candidate) && existsSync(path.join(root, candidate))) return path.normalize(candidate);
  }
  return undefined;
}

/**
 * Graph-aware lock keys: an item holds its own file and every project file it imports, so an item
 * never runs while one of its dependencies is being changed (its verification would check against
 * code about to move), and two items never change one file at once.
 */
export function importLockKeys(root: string): (item: BatchItem) => Promise<string[]> {
  const cache = new Map<string, string[]>();
  return async (item) => {
    const file = path.normalize(item.target.file);
    const known = cache.get(file);
    if (known) return known;
    let text = '';
    try {
      text = await readFile(path.join(root, file), 'utf8');
    } catch {
      // A missing target fails when it runs; it only needs its own key here.
    }
    const imports = ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName).filter((name) => name.startsWith('.'));
    const keys = [...new Set([file, ...imports.flatMap((name) => resolveImport(root, file, name) ?? [])])];
    cache.set(file, keys);
    return keys;
  };
}
