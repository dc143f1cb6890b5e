import type { BatchItem } from './types.js';

/** The graph queries lock keys need (the Tri-Store's `dependencies` / `dependents`). */
export interface SymbolGraph {
  dependencies(name: string, depth?: number): Promise<readonly { id: string }[]>;
  dependents(name: string, depth?: number): Promise<readonly { id: string }[]>;
}

type LockKeys = (item: BatchItem) => Promise<readonly string[]>;

const fileOf = (id: string): string => id.split('#')[0] ?? id;

async function neighbours(graph: SymbolGraph, name: string): Promise<string[]> {
  const [uses, usedBy] = await Promise.all([graph.dependencies(name), graph.dependents(name)]);
  return [...uses, ...usedBy].map((node) => fileOf(node.id));
}

/**
 * Graph-aware lock keys: an item holds its file plus the files of the symbols it uses and of the
 * symbols that use it (one hop in the code graph), on top of `fallback`'s keys (its imports).
 * So an item never runs beside one that changes what it depends on, or what depends on it.
 * A target the index does not know (new since the last update) keeps the fallback's keys.
 */
export function graphLockKeys(graph: SymbolGraph, fallback: LockKeys): LockKeys {
  return async (item) => {
    const base = await fallback(item);
    const names = item.target.kind === 'symbol' ? [`${item.target.file}#${item.target.symbol}`, item.target.file] : [item.target.file];
    for (const name of names) {
      try {
        return [...new Set([...base, ...(await neighbours(graph, name))])];
      } catch {
        // not in the index under this name: try the next, then fall back
      }
    }
    return base;
  };
}
