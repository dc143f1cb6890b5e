import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { estimateTokens, type SymbolRecord, type TriStore } from '../../src/tristore/index.js';

const TARGETS = 20;
const BUDGET = 6000;

/**
 * Lazy context vs whole files: for 20 zod functions with real bodies, the tokens of the assembled
 * context (target in full, neighbours as signatures, test excerpts) against the tokens of the whole
 * files that hold the same symbols. Both counted with the same estimate.
 */
export async function measureContext(store: TriStore, root: string): Promise<{ targets: number; lazyTokens: number; wholeFileTokens: number; ratio: number; meanItems: number }> {
  const candidates: SymbolRecord[] = [];
  for (const prefix of ['parse', 'check', 'safe', 'create', 'process', 'merge', 'to', 'is', 'get', 'clone']) {
    for (const symbol of await store.lookup(prefix, { prefix: true })) {
      if (symbol.file.startsWith('zod/') && (symbol.kind === 'function' || symbol.kind === 'method') && symbol.range.endLine - symbol.range.startLine >= 4) candidates.push(symbol);
    }
  }
  const targets = candidates.filter((symbol, index) => candidates.findIndex((other) => other.id === symbol.id) === index).slice(0, TARGETS);
  let lazy = 0;
  let whole = 0;
  let items = 0;
  for (const target of targets) {
    const context = await store.assembleContext(`Change ${target.qualifiedName} so that it reports every issue`, { budget: BUDGET, implement: [target.id] });
    lazy += context.totalTokens;
    items += context.items.length;
    for (const file of new Set(context.items.map((item) => item.file))) whole += estimateTokens(await readFile(path.join(root, file), 'utf8'));
  }
  return { targets: targets.length, lazyTokens: lazy, wholeFileTokens: whole, ratio: +(lazy / Math.max(1, whole)).toFixed(3), meanItems: +(items / Math.max(1, targets.length)).toFixed(1) };
}
