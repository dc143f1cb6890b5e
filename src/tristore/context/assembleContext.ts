import { USE_EDGES, type CodeGraph } from '../graph/CodeGraph.js';
import type { SymbolIndex } from '../symbols/SymbolIndex.js';
import type { AssembleContextOptions, AssembledContext, ContextItem, SearchHit, SymbolRecord } from '../types.js';
import { personalizedPageRank } from './pageRank.js';
import { renderCaller, renderImplementer, renderTestExcerpt } from './renderSymbol.js';
import { collectSeeds } from './seeds.js';
import { estimateTokens } from './tokens.js';

export interface ContextSources {
  symbols: SymbolIndex;
  graph: CodeGraph;
  search(text: string, k: number): Promise<SearchHit[]>;
  /** The current text of a project file, or `undefined` when it is gone. */
  readSource(file: string): Promise<string | undefined>;
  /** Brings the graph around these seed symbols up to date (type-resolved calls) before it is walked. */
  prepare?(seeds: readonly string[]): Promise<void>;
}

const SEARCH_HITS = 8;
const EXPANSION_DEPTH = 2;
const MAX_CANDIDATES = 60;
const MAX_TESTS = 3;
/** The strongest seeds whose member calls are type-resolved before the walk (each new file costs the checker ~40 ms or more). */
const PREPARED_SEEDS = 6;

interface Candidate {
  symbol: SymbolRecord;
  rank: number;
  implement: boolean;
}

/**
 * Assembles what the model sees for `task`: seeds (named identifiers, search hits, focus), the
 * graph around them (callees, callers, types), ranked by personalized PageRank, rendered lazily
 * (implementer mode = full source for what must change, caller mode = JSDoc + signature for the
 * rest, plus excerpts of the tests that cover the targets), inside a hard token budget. Whatever
 * does not fit is listed in `omitted` with the reason.
 */
export async function assembleContext(sources: ContextSources, task: string, options: AssembleContextOptions): Promise<AssembledContext> {
  const count = options.countTokens ?? estimateTokens;
  const hits = await sources.search(task, SEARCH_HITS);
  const seeds = await collectSeeds(sources.symbols, { task, hits, focusFiles: options.focusFiles ?? [], focusSymbols: options.focusSymbols ?? [], implement: options.implement ?? [] });
  const start = [...seeds.weights.keys()].map((id) => ({ type: 'symbol' as const, id }));
  await sources.prepare?.([...seeds.weights].sort((a, b) => b[1] - a[1]).slice(0, PREPARED_SEEDS).map(([id]) => id));
  const edges = start.length > 0 ? await sources.graph.neighborhood(start, USE_EDGES, EXPANSION_DEPTH) : [];
  const nodes = [...new Set([...seeds.weights.keys(), ...edges.flatMap((edge) => [edge.from.id, edge.to.id])])];
  const ranks = personalizedPageRank(nodes, edges.map((edge) => ({ from: edge.from.id, to: edge.to.id })), seeds.weights);
  const ordered = [...ranks].sort((a, b) => b[1] - a[1]).slice(0, MAX_CANDIDATES);
  const records = await sources.symbols.getMany(ordered.map(([id]) => id));
  const candidates: Candidate[] = [];
  ordered.forEach(([id, rank], position) => {
    const symbol = records[position] ?? seeds.records.get(id);
    if (symbol) candidates.push({ symbol, rank, implement: seeds.implement.has(id) });
  });
  candidates.sort((a, b) => Number(b.implement) - Number(a.implement) || b.rank - a.rank);
  const budget = new Budget(options.budget, count);
  for (const candidate of candidates.filter((item) => item.implement)) await budget.offer(await renderFor(sources, candidate), candidate.symbol.id, await callerItem(sources, candidate.symbol));
  await addTests(sources, budget, candidates.filter((item) => item.implement).map((item) => item.symbol));
  for (const candidate of candidates.filter((item) => !item.implement && !isMemberOfListed(item.symbol, candidates))) await budget.offer(await callerItem(sources, candidate.symbol), candidate.symbol.id);
  return budget.result();
}

/** Members are shown inside their class's caller view; listing them again would waste budget. */
function isMemberOfListed(symbol: SymbolRecord, candidates: readonly Candidate[]): boolean {
  const owner = symbol.qualifiedName.includes('.') ? `${symbol.file}#${symbol.qualifiedName.slice(0, symbol.qualifiedName.lastIndexOf('.'))}` : undefined;
  return owner !== undefined && candidates.some((candidate) => candidate.symbol.id === owner && !candidate.implement);
}

async function renderFor(sources: ContextSources, candidate: Candidate): Promise<Omit<ContextItem, 'tokens'> | undefined> {
  const source = await sources.readSource(candidate.symbol.file);
  if (source === undefined) return undefined;
  return { symbol: candidate.symbol.id, file: candidate.symbol.file, mode: 'implementer', text: renderImplementer(candidate.symbol, source) };
}

async function callerItem(sources: ContextSources, symbol: SymbolRecord): Promise<Omit<ContextItem, 'tokens'>> {
  const nested = symbol.kind === 'variable';
  const members =
    symbol.kind === 'class' || symbol.kind === 'interface' || nested
      ? (await sources.symbols.symbolsOf(symbol.file)).filter((member) => member.qualifiedName.startsWith(`${symbol.qualifiedName}.`) && (nested || !member.qualifiedName.slice(symbol.qualifiedName.length + 1).includes('.')))
      : [];
  return { symbol: symbol.id, file: symbol.file, mode: 'caller', text: renderCaller(symbol, members) };
}

async function addTests(sources: ContextSources, budget: Budget, targets: readonly SymbolRecord[]): Promise<void> {
  if (targets.length === 0) return;
  const tests = await sources.graph.testsOf(targets.map((symbol) => symbol.id), []);
  for (const file of tests.slice(0, MAX_TESTS)) {
    const source = await sources.readSource(file);
    if (source === undefined) continue;
    await budget.offer({ symbol: file, file, mode: 'test', text: renderTestExcerpt(file, source, targets.map((symbol) => symbol.name)) }, file);
  }
  for (const file of tests.slice(MAX_TESTS)) budget.omit(file, `test file beyond the first ${MAX_TESTS}`);
}

/** Greedy filling of a hard token budget, remembering what was left out and why. */
class Budget {
  private readonly items: ContextItem[] = [];
  private readonly omitted: { symbol: string; reason: string }[] = [];
  private used = 0;

  constructor(
    private readonly limit: number,
    private readonly count: (text: string) => number | Promise<number>,
  ) {}

  /** Adds `item` if it fits, else `fallback` (a cheaper rendering), else records the omission. */
  async offer(item: Omit<ContextItem, 'tokens'> | undefined, id: string, fallback?: Omit<ContextItem, 'tokens'>): Promise<void> {
    if (this.items.some((existing) => existing.symbol === id)) return;
    if (!item) return this.omit(id, 'source file is gone');
    const tokens = await this.count(item.text);
    if (this.used + tokens <= this.limit) {
      this.items.push({ ...item, tokens });
      this.used += tokens;
      return;
    }
    if (fallback) {
      const fallbackTokens = await this.count(fallback.text);
      if (this.used + fallbackTokens <= this.limit) {
        this.items.push({ ...fallback, tokens: fallbackTokens });
        this.used += fallbackTokens;
        return this.omit(id, `full source needs ${tokens} tokens, ${this.limit - this.used + fallbackTokens} left: shown in caller mode`);
      }
    }
    this.omit(id, `over budget: needs ${tokens} tokens, ${this.limit - this.used} left`);
  }

  omit(symbol: string, reason: string): void {
    this.omitted.push({ symbol, reason });
  }

  result(): AssembledContext {
    return { items: this.items, omitted: this.omitted, totalTokens: this.used, budget: this.limit };
  }
}
