import type { FileEntry, SymbolIndex } from '../symbols/SymbolIndex.js';

/** Which names a file gained or lost (qualified names), or `all` when that cannot be narrowed (deleted, re-exports changed). */
export type NameChange = Set<string> | 'all';

const nameOf = (id: string) => id.slice(id.indexOf('#') + 1);
const reexportKey = (entry: FileEntry) => JSON.stringify(entry.imports.filter((item) => item.reexport).map((item) => [item.specifier, item.bindings]));

/** The names whose resolution may differ after `before` became `after`. */
export function nameChange(before: FileEntry | undefined, after: FileEntry): NameChange {
  if (!before || reexportKey(before) !== reexportKey(after)) return 'all';
  const old = new Set(before.symbols.map(nameOf));
  const next = new Set(after.symbols.map(nameOf));
  return new Set([...[...old].filter((name) => !next.has(name)), ...[...next].filter((name) => !old.has(name))]);
}

/** Whether `importer`'s edges into `target` may resolve differently given `change`. */
function usesChanged(importer: FileEntry, target: string, change: NameChange): 'no' | 'yes' | 'reexports' {
  let verdict: 'no' | 'yes' | 'reexports' = 'no';
  for (const item of importer.imports) {
    if (item.target !== target) continue;
    if (item.reexport) return 'reexports';
    if (change === 'all') verdict = 'yes';
    else if (item.bindings.some((binding) => change.has(binding.imported))) verdict = 'yes';
    else if (item.bindings.some((binding) => binding.imported === '*' && importer.references.some((reference) => reference.through === binding.local && change.has(reference.name)))) verdict = 'yes';
  }
  return verdict;
}

/**
 * The unchanged files whose links must be recomputed: importers that use a name the changed files
 * gained or lost (following re-export chains), not every importer. Editing a function body of
 * a widely imported file therefore relinks nothing.
 */
export async function affectedImporters(index: SymbolIndex, changes: ReadonlyMap<string, NameChange>, alreadyRedone: (file: string) => boolean): Promise<Map<string, FileEntry>> {
  const affected = new Map<string, FileEntry>();
  const queue = [...changes].filter(([, change]) => change === 'all' || change.size > 0);
  const seen = new Set(queue.map(([file]) => file));
  while (queue.length > 0) {
    const [target, change] = queue.shift() as [string, NameChange];
    for (const importer of await index.importersOf(target)) {
      if (alreadyRedone(importer) || affected.has(importer)) continue;
      const entry = await index.getFile(importer);
      if (!entry) continue;
      const verdict = usesChanged(entry, target, change);
      if (verdict === 'no') continue;
      affected.set(importer, entry);
      if (verdict === 'reexports' && !seen.has(importer)) {
        seen.add(importer);
        queue.push([importer, change]);
      }
    }
  }
  return affected;
}
