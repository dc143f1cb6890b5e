import { hash as digest } from 'node:crypto';
import path from 'node:path';
import { collectGarbage } from '../collectGarbage.js';
import { throwIfAborted } from '../errors.js';
import type { CodeGraph, GraphEdge, NodeRef } from '../graph/CodeGraph.js';
import { readSource } from '../ingest/readSource.js';
import type { FileEntry, SymbolIndex } from '../symbols/SymbolIndex.js';
import type { TypeFactsReport } from '../types.js';
import type { SiteTarget, TypeResolver, TypeSite } from './TypeResolver.js';

/** Files handed to the checker at once: each chunk's edges and marks are written before the next. */
const CHUNK = 100;
/**
 * V8 heap in use past which the checker's program is dropped between chunks (the next chunk
 * starts a fresh one): `krepis index --types` on a 5,000-file project otherwise grew one program
 * over every file, to 3.2 GB RSS.
 */
const HEAP_BUDGET_BYTES = 768 * 1024 * 1024;


export interface TypeFactsOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  /** Files per chunk (default 100). */
  chunkFiles?: number;
  /** Heap in use past which the program is dropped between chunks (default 768 MiB). */
  heapBudgetBytes?: number;
}

export interface CallersOptions extends TypeFactsOptions {
  /**
   * Most caller files to resolve: a member whose callers would bring the total over this is
   * skipped (`get`, `parse`: resolving them all would check most of the project for one query).
   * Default: no limit.
   */
  maxFiles?: number;
}

/** The member-call sites of a file that the structural pass left to the type checker (namespace calls it resolved itself). */
export function pendingSites(entry: FileEntry): TypeSite[] {
  const namespaces = new Set(entry.imports.filter((item) => !item.reexport).flatMap((item) => item.bindings.filter((binding) => binding.imported === '*').map((binding) => binding.local)));
  return entry.references.flatMap((reference) => (reference.at === undefined || namespaces.has(reference.through ?? '') ? [] : [{ from: reference.from, name: reference.name, at: reference.at }]));
}

const emptyReport = (): TypeFactsReport => ({ files: 0, sites: 0, resolved: 0, external: 0, unresolved: 0, stale: 0, edges: 0, ms: 0 });

/**
 * Type-aware calls, lazily: `ensure(files)` resolves the member-call sites of those files that
 * are not resolved at their current content hash, writes the calls into the graph, and marks
 * the files. Re-indexing or relinking a file replaces its edges and drops its mark.
 */
export class TypeFacts {
  /** Loaded on first use, with ts-morph: commands that never resolve a call never load the compiler. */
  private resolver: TypeResolver | undefined;
  /** Files known resolved at their indexed hash (or without sites) since the index last changed: no reads needed. */
  private readonly settled = new Set<string>();
  /** `filesCalling` answers since the index last changed. */
  private readonly callers = new Map<string, string[]>();
  /** Reverse import closures since the index last changed. */
  private readonly importers = new Map<string, ReadonlySet<string>>();

  constructor(
    private readonly root: string,
    private readonly symbols: SymbolIndex,
    private readonly graph: CodeGraph,
  ) {}

  private async typeResolver(): Promise<TypeResolver> {
    if (this.resolver) return this.resolver;
    const { TypeResolver } = await import('./TypeResolver.js');
    return (this.resolver ??= new TypeResolver(this.root));
  }

  /** Resolves the sites of `files` not resolved yet. */
  async ensure(files: Iterable<string>, options: TypeFactsOptions = {}): Promise<TypeFactsReport> {
    const started = performance.now();
    const paths = [...new Set(files)].filter((file) => !this.settled.has(file));
    const report = emptyReport();
    if (paths.length === 0) return report;
    const marks = await this.symbols.typeResolved(paths);
    const todo: { entry: FileEntry; sites: TypeSite[] }[] = [];
    for (const file of paths) {
      const entry = await this.symbols.getFile(file);
      const sites = entry ? pendingSites(entry) : [];
      if (entry && sites.length > 0 && marks.get(file) !== entry.hash) todo.push({ entry, sites });
      else this.settled.add(file);
    }
    const chunk = options.chunkFiles ?? CHUNK;
    for (let index = 0; index < todo.length; index += chunk) {
      throwIfAborted(options.signal);
      if (index > 0 && process.memoryUsage().heapUsed > (options.heapBudgetBytes ?? HEAP_BUDGET_BYTES)) {
        this.resolver?.forget();
        // At once: left to itself V8 let the next program grow beside the garbage of the last one (2.0–2.9 GB RSS over runs with the budget alone).
        collectGarbage();
      }
      await this.resolveChunk(todo.slice(index, index + chunk), report);
      options.onProgress?.(Math.min(index + chunk, todo.length), todo.length);
    }
    report.ms = Math.round(performance.now() - started);
    return report;
  }

  /**
   * Resolves the files that may call the members `ids` (`file#Owner.name`, for their dependents):
   * those with a site calling `name` that import `file`, directly or transitively (a receiver of
   * a type declared there can only come through that chain).
   */
  async ensureCallersOf(ids: Iterable<string>, options: CallersOptions = {}): Promise<TypeFactsReport> {
    const files = new Set<string>();
    for (const id of new Set(ids)) {
      const name = id.slice(id.lastIndexOf('.') + 1);
      let found = this.callers.get(name);
      if (!found) this.callers.set(name, (found = await this.symbols.filesCalling(name)));
      const reach = await this.reverseImports(id.slice(0, id.indexOf('#')));
      const candidates = found.filter((file) => reach.has(file));
      const added = candidates.filter((file) => !files.has(file));
      if (files.size + added.length <= (options.maxFiles ?? Infinity)) for (const file of added) files.add(file);
    }
    return this.ensure(files, options);
  }

  /** `file` and every file importing it, transitively (cached until the index changes). */
  private async reverseImports(file: string): Promise<ReadonlySet<string>> {
    const cached = this.importers.get(file);
    if (cached) return cached;
    const reach = new Set([file]);
    const stack = [file];
    while (stack.length > 0) {
      for (const importer of await this.symbols.importersOf(stack.pop() as string)) {
        if (reach.has(importer)) continue;
        reach.add(importer);
        stack.push(importer);
      }
    }
    this.importers.set(file, reach);
    return reach;
  }

  /** Resolves every indexed file (the eager pass after `krepis index --types`). */
  async ensureAll(options: TypeFactsOptions = {}): Promise<TypeFactsReport> {
    return this.ensure((await this.symbols.fileHashes()).keys(), options);
  }

  /**
   * After an update: the files importing a changed or removed file lose their type-resolved
   * edges and marks (a type they use may have changed), to be resolved again on demand. Their
   * own rewrite, when they changed too, already did that. Returns how many were dropped.
   */
  async invalidateImporters(changed: readonly string[]): Promise<number> {
    const importers = new Set<string>();
    for (const file of changed) for (const importer of await this.symbols.importersOf(file)) importers.add(importer);
    for (const file of changed) importers.delete(file);
    const marked = [...(await this.symbols.typeResolved([...importers])).keys()];
    if (marked.length === 0) return 0;
    const nodes: NodeRef[] = [];
    for (const file of marked) nodes.push({ type: 'file', id: file }, ...((await this.symbols.getFile(file))?.symbols ?? []).map((id) => ({ type: 'symbol' as const, id })));
    await this.graph.removeAddedEdges(nodes);
    await this.symbols.clearTypeResolved(marked);
    return marked.length;
  }

  /** Forgets the checker's program and what is known settled (after an update changed files). */
  forget(): void {
    this.resolver?.forget();
    this.settled.clear();
    this.callers.clear();
    this.importers.clear();
  }

  private async resolveChunk(chunk: readonly { entry: FileEntry; sites: TypeSite[] }[], report: TypeFactsReport): Promise<void> {
    const current: { path: string; hash: string; text: string; sites: TypeSite[] }[] = [];
    for (const { entry, sites } of chunk) {
      const read = await readSource(path.join(this.root, entry.path));
      // Changed since it was indexed: its offsets no longer hold, and the next update redoes it.
      if (!read.ok || digest('sha1', read.text, 'base64url') !== entry.hash) report.stale++;
      else current.push({ path: entry.path, hash: entry.hash, text: read.text, sites });
    }
    let targets: SiteTarget[][];
    const resolver = await this.typeResolver();
    try {
      targets = resolver.resolve(current, (id) => this.symbols.get(id) !== undefined);
    } catch {
      // The checker failed on this code (a compiler bug, a pathological file): its sites stay unresolved, marked, not retried.
      targets = [];
      this.resolver?.forget();
    }
    const edges: GraphEdge[] = [];
    current.forEach((file, index) => {
      report.files++;
      file.sites.forEach((site, position) => {
        report.sites++;
        const target = targets[index]?.[position];
        if (target?.kind !== 'symbol') return void (target?.kind === 'external' ? report.external++ : report.unresolved++);
        report.resolved++;
        const from: NodeRef = site.from === null ? { type: 'file', id: file.path } : { type: 'symbol', id: `${file.path}#${site.from}` };
        for (const id of target.ids) if (id !== from.id) edges.push({ kind: 'calls', from, to: { type: 'symbol', id } });
      });
    });
    await this.graph.addEdges(edges);
    report.edges += edges.length;
    await this.symbols.markTypeResolved(current.map((file) => ({ path: file.path, hash: file.hash })));
    for (const file of current) this.settled.add(file.path);
  }
}
