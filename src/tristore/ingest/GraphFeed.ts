import type { CodeGraph, FileGraph } from '../graph/CodeGraph.js';
import type { FileEntry } from '../symbols/SymbolIndex.js';
import type { SymbolRecord } from '../types.js';
import { symbolsByName, type ExportsCache } from './exportsCache.js';
import { linkFile } from './linkFile.js';

/** A file to link: its entry (imports resolved), its symbols, and the symbol ids the graph may hold for it. */
export interface LinkItem {
  entry: FileEntry;
  symbols: readonly SymbolRecord[];
  previousSymbols: string[];
}

function fileGraph(item: LinkItem, cache: ExportsCache): FileGraph {
  return {
    path: item.entry.path,
    isTest: item.entry.isTest,
    symbols: item.symbols.map((symbol) => ({ id: symbol.id, name: symbol.name, kind: symbol.kind })),
    edges: linkFile(item.entry, symbolsByName(item.symbols), cache.lookup),
    previousSymbols: item.previousSymbols,
  };
}

/**
 * Feeds the code graph while the rest of the project is still being parsed: a file is linked as
 * soon as every file its imports resolve through (their targets and, transitively, what those
 * re-export) is settled in the exports cache, and each chunk of linked files goes to the graph as
 * one write, in order, without waiting. Files that wait on a file this run does not parse are
 * linked by `finish`, after the caller has preloaded what they need.
 */
export class GraphFeed {
  private waiting: LinkItem[] = [];
  private linked: FileGraph[] = [];
  private written: Promise<void> = Promise.resolve();
  /** File graphs handed to the graph so far. */
  sent = 0;

  constructor(
    private readonly graph: CodeGraph,
    private readonly cache: ExportsCache,
    private readonly chunk: number,
  ) {}

  add(item: LinkItem): void {
    this.waiting.push(item);
  }

  /** Entries still waiting to be linked. */
  get pending(): FileEntry[] {
    return this.waiting.map((item) => item.entry);
  }

  /** Links what can be linked now, and sends a chunk once enough is linked. */
  pump(): void {
    const settled = new Map<string, boolean>();
    const still: LinkItem[] = [];
    for (const item of this.waiting) {
      if (item.entry.imports.every((imported) => imported.target === undefined || this.settled(imported.target, settled))) this.linked.push(fileGraph(item, this.cache));
      else still.push(item);
    }
    this.waiting = still;
    if (this.linked.length >= this.chunk) this.send([]);
  }

  /** Links everything left (plus `extra`), sends it with the removals, and waits for every write. */
  async finish(extra: readonly LinkItem[], removed: readonly { path: string; symbols: string[] }[]): Promise<void> {
    for (const item of [...this.waiting, ...extra]) this.linked.push(fileGraph(item, this.cache));
    this.waiting = [];
    this.send(removed);
    await this.written;
  }

  /** Waits for the writes already sent, whatever their outcome (before giving up on a failed run). */
  async settle(): Promise<void> {
    await this.written.catch(() => undefined);
  }

  /** Whether `file` and everything it re-exports from, transitively, is settled in the cache. */
  private settled(file: string, known: Map<string, boolean>): boolean {
    const memo = known.get(file);
    if (memo !== undefined) return memo;
    const seen = new Set([file]);
    const stack = [file];
    let result = true;
    while (result && stack.length > 0) {
      const next = stack.pop() as string;
      if (!this.cache.has(next)) result = false;
      for (const item of this.cache.lookup(next)?.entry.imports ?? []) {
        if (item.reexport && item.target !== undefined && !seen.has(item.target)) {
          seen.add(item.target);
          stack.push(item.target);
        }
      }
    }
    known.set(file, result);
    return result;
  }

  private send(removed: readonly { path: string; symbols: string[] }[]): void {
    const files = this.linked;
    this.linked = [];
    this.sent += files.length;
    this.written = this.written.then(() => this.graph.writeFiles(files, removed));
    // Awaited by `finish`; this only keeps a failure from being reported as unhandled meanwhile.
    this.written.catch(() => undefined);
  }
}
