import type { SymbolIndex } from '../symbols/SymbolIndex.js';
import type { SearchHit, SymbolRecord } from '../types.js';

const IDENTIFIER = /[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*/g;
const MAX_MATCHES_PER_NAME = 8;

/** Symbols for a name, an id (`file#name`), or a dotted qualified name (`Parser.parse`). */
export async function resolveSymbols(index: SymbolIndex, name: string): Promise<SymbolRecord[]> {
  if (name.includes('#')) {
    const symbol = index.get(name);
    return symbol ? [symbol] : [];
  }
  const last = name.slice(name.lastIndexOf('.') + 1);
  const matches = await index.lookup(last);
  return name.includes('.') ? matches.filter((symbol) => symbol.qualifiedName === name || symbol.qualifiedName.endsWith(`.${name}`)) : matches;
}

export interface Seeds {
  /** Symbol id → restart weight for the ranking. */
  weights: Map<string, number>;
  records: Map<string, SymbolRecord>;
  /** Ids to render in implementer mode. */
  implement: Set<string>;
}

export interface SeedInput {
  task: string;
  hits: readonly SearchHit[];
  focusFiles: readonly string[];
  focusSymbols: readonly string[];
  implement: readonly string[];
}

/**
 * The starting points of context assembly, weighted: symbols to implement (3), focus symbols (2),
 * identifiers named in the task (1, shared between same-named symbols), focus files' top-level
 * symbols and lexical/vector hits (less, by rank). When no `implement` list is given, a task
 * identifier that names one or two symbols is taken as the thing to change.
 */
export async function collectSeeds(index: SymbolIndex, input: SeedInput): Promise<Seeds> {
  const seeds: Seeds = { weights: new Map(), records: new Map(), implement: new Set() };
  const add = (symbols: readonly SymbolRecord[], weight: number) => {
    const share = weight / Math.max(1, symbols.length);
    for (const symbol of symbols.slice(0, MAX_MATCHES_PER_NAME)) {
      seeds.records.set(symbol.id, symbol);
      seeds.weights.set(symbol.id, (seeds.weights.get(symbol.id) ?? 0) + share);
    }
  };
  for (const name of input.implement) {
    const symbols = await resolveSymbols(index, name);
    add(symbols, 3);
    for (const symbol of symbols.slice(0, MAX_MATCHES_PER_NAME)) seeds.implement.add(symbol.id);
  }
  for (const name of input.focusSymbols) add(await resolveSymbols(index, name), 2);
  const named = new Set((input.task.match(IDENTIFIER) ?? []).filter((word) => word.length >= 3));
  for (const word of named) {
    const symbols = await resolveSymbols(index, word);
    add(symbols, 1);
    if (input.implement.length === 0 && symbols.length > 0 && symbols.length <= 2) for (const symbol of symbols) seeds.implement.add(symbol.id);
  }
  for (const file of input.focusFiles) add((await index.symbolsOf(file)).filter((symbol) => !symbol.qualifiedName.includes('.')), 1);
  for (const [rank, hit] of input.hits.entries()) {
    const symbol = index.get(hit.symbol);
    if (symbol) add([symbol], 0.5 / (rank + 1));
  }
  return seeds;
}
