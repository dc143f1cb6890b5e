import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ResolvedConfig } from '../config/index.js';
import type { ModelRuntime } from '../model/ModelRuntime.js';
import { assembleContext } from './context/assembleContext.js';
import { resolveSymbols } from './context/seeds.js';
import { TriStoreError, TriStoreErrorCode } from './errors.js';
import { USE_EDGES, type NodeRef } from './graph/CodeGraph.js';
import { updateIndex } from './ingest/updateIndex.js';
import { writeShadowDocs, type ShadowTagOptions, type ShadowTagReport } from './shadowTags.js';
import { openStores, storeDirOf, type OpenedStores } from './openStores.js';
import { TypeFacts } from './typeFacts/TypeFacts.js';
import type { AssembleContextOptions, AssembledContext, EdgeKind, GraphNode, IndexProgress, IndexReport, SearchHit, SymbolRecord, TypeFactsReport } from './types.js';

export interface OpenTriStoreOptions {
  /** Model runtime: its `embed` (when present) adds dense vectors to search. */
  runtime?: ModelRuntime;
  signal?: AbortSignal;
}

export interface UpdateIndexOptions {
  onProgress?: (progress: IndexProgress) => void;
  signal?: AbortSignal;
  /** Only these files (project-relative or absolute) changed; default: scan the whole project. */
  files?: string[];
  /** Then resolve every file's member calls with the type checker (default: `index.typeFacts === 'eager'`). */
  types?: boolean;
}

/** Depth of `impactedTests`' walk from the changed symbols to their dependents. */
const IMPACT_DEPTH = 3;
/** Hops from a path's start whose files get their member calls type-resolved before the search. */
const PATH_TYPED_DEPTH = 4;
/** For context seeds, the most caller files type-resolved per context (members with more are skipped). */
const CONTEXT_CALLER_FILES = 16;

/**
 * The Tri-Store: symbol index (LevelDB), code graph (SurrealDB) and vectors, kept in step
 * by `update()`, queried by name, by graph, by text, and for a task's context.
 */
export class TriStore implements AsyncDisposable {
  private closed = false;
  private updating: Promise<unknown> = Promise.resolve();
  private rebuilt: string | undefined;
  private readonly typeFacts: TypeFacts;

  private constructor(
    private readonly config: ResolvedConfig,
    private readonly stores: OpenedStores,
    private readonly runtime: ModelRuntime | undefined,
  ) {
    this.rebuilt = stores.rebuilt;
    this.typeFacts = new TypeFacts(config.root, stores.symbols, stores.graph);
  }

  static async open(config: ResolvedConfig, options: OpenTriStoreOptions = {}): Promise<TriStore> {
    return new TriStore(config, await openStores(config), options.runtime);
  }

  /** The store folder. */
  get dir(): string {
    return storeDirOf(this.config);
  }

  private get canEmbed(): boolean {
    return this.runtime?.embed !== undefined && this.runtime.info.embeddingSize !== undefined;
  }

  private check(): void {
    if (this.closed) throw new TriStoreError(TriStoreErrorCode.closed, 'the Tri-Store is closed', { hint: 'Open it again with openTriStore().' });
  }

  /** Brings the stores up to date with the project: only changed files are re-parsed. */
  async update(options: UpdateIndexOptions = {}): Promise<IndexReport> {
    this.check();
    const run = this.updating.then(async () => {
      let contentChanged: readonly string[] = [];
      const report = await updateIndex(
        { ...this.stores, ...(this.canEmbed ? { embed: (texts: readonly string[]) => this.runtime?.embed?.(texts, options.signal) ?? Promise.resolve([]) } : {}) },
        { root: this.config.root, storeDir: this.config.index.dir, ignore: this.config.index.ignore, maxFileBytes: this.config.index.maxFileBytes, ...options, onContentChanged: (files) => (contentChanged = files) },
      );
      if (this.rebuilt) report.rebuilt = this.rebuilt;
      this.rebuilt = undefined;
      if (report.files.parsed > 0 || report.files.removed > 0) {
        this.typeFacts.forget();
        await this.typeFacts.invalidateImporters(contentChanged);
      }
      if (options.types ?? this.config.index.typeFacts === 'eager') {
        report.types = await this.typeFacts.ensureAll({ ...(options.signal ? { signal: options.signal } : {}), onProgress: (done, total) => options.onProgress?.({ phase: 'types', done, total }) });
        report.edges = (await this.stores.graph.counts()).edges;
      }
      return report;
    });
    this.updating = run.catch(() => undefined);
    return run;
  }

  /**
   * Type-aware calls for a query: resolves the member-call sites of the files holding `ids`
   * (`out`: what they call), of the files calling a member named like one of them (`in`: who
   * calls them; at most `maxFiles` caller files), or both.
   * Cached per file and content hash; waits for a running update.
   */
  private async typed(ids: readonly string[], direction: 'out' | 'in' | 'both', maxFiles?: number): Promise<TypeFactsReport | undefined> {
    if (ids.length === 0) return undefined;
    const run = this.updating.then(async () => {
      const files = direction === 'in' ? [] : ids.map((id) => id.slice(0, id.indexOf('#'))).filter((file) => file.length > 0);
      const out = await this.typeFacts.ensure(files);
      if (direction === 'out') return out;
      const members = ids.filter((id) => id.slice(id.indexOf('#') + 1).includes('.'));
      return this.typeFacts.ensureCallersOf(members, maxFiles === undefined ? {} : { maxFiles });
    });
    this.updating = run.catch(() => undefined);
    return run;
  }

  /** The graph's breadth-first walk, each hop's symbols getting their member calls type-resolved before their edges are read. */
  private typedTraverse(start: readonly NodeRef[], direction: 'out' | 'in', kinds: readonly EdgeKind[], depth: number): Promise<GraphNode[]> {
    return this.stores.graph.traverse(start, direction, kinds, depth, async (frontier) => {
      await this.typed(frontier.filter((node) => node.type === 'symbol').map((node) => node.id), direction);
    });
  }

  /** Symbols by exact name, id (`file#name`) or qualified name; with `prefix`, names starting with `name`, any case. */
  async lookup(name: string, options: { prefix?: boolean } = {}): Promise<SymbolRecord[]> {
    this.check();
    return options.prefix ? this.stores.symbols.lookup(name, { prefix: true }) : resolveSymbols(this.stores.symbols, name);
  }

  private async startNodes(name: string): Promise<NodeRef[]> {
    const symbols = await this.lookup(name);
    if (symbols.length > 0) return symbols.map((symbol) => ({ type: 'symbol', id: symbol.id }));
    const file = path.relative(this.config.root, path.resolve(this.config.root, name)).split(path.sep).join('/');
    if (await this.stores.symbols.getFile(file)) return [{ type: 'file', id: file }];
    throw new TriStoreError(TriStoreErrorCode.symbolNotFound, `no symbol or file named "${name}" in the index`, { kind: 'usage', hint: 'Check the spelling (`krepis symbol <prefix>` lists matches) or run `krepis index` first.' });
  }

  /** What `symbol` uses (calls, references, extends, implements; imports for a file), to `depth` hops. Default depth 1. */
  async dependencies(symbol: string, depth = 1): Promise<GraphNode[]> {
    const start = await this.startNodes(symbol);
    return this.typedTraverse(start, 'out', start[0]?.type === 'file' ? ['imports', 'exports'] : USE_EDGES, depth);
  }

  /** What uses `symbol` (or imports a file), to `depth` hops. Default depth 1. */
  async dependents(symbol: string, depth = 1): Promise<GraphNode[]> {
    const start = await this.startNodes(symbol);
    return this.typedTraverse(start, 'in', start[0]?.type === 'file' ? ['imports'] : [...USE_EDGES, 'tests'], depth);
  }

  /** Test files that exercise the changed files or symbols, directly or through what depends on them. */
  async impactedTests(changed: { files?: string[]; symbols?: string[] }): Promise<string[]> {
    this.check();
    const files = (changed.files ?? []).map((file) => path.relative(this.config.root, path.resolve(this.config.root, file)).split(path.sep).join('/'));
    const ids = new Set<string>();
    for (const name of changed.symbols ?? []) for (const symbol of await this.lookup(name)) ids.add(symbol.id);
    for (const file of files) for (const id of (await this.stores.symbols.getFile(file))?.symbols ?? []) ids.add(id);
    const start: NodeRef[] = [...ids].map((id) => ({ type: 'symbol', id }));
    const dependents = start.length > 0 ? await this.stores.graph.traverse(start, 'in', USE_EDGES, IMPACT_DEPTH) : [];
    const symbols = [...ids, ...dependents.filter((node) => node.type === 'symbol').map((node) => node.id)];
    const dependentFiles = new Set([...files, ...symbols.map((id) => id.slice(0, id.indexOf('#')))]);
    const tests = await this.stores.graph.testsOf(symbols, [...dependentFiles]);
    const direct = await Promise.all(files.map(async (file) => ((await this.stores.symbols.getFile(file))?.isTest ? file : undefined)));
    return [...new Set([...tests, ...direct.filter((file) => file !== undefined)])].sort();
  }

  /** Hybrid search: BM25 over identifier-aware terms, fused (RRF) with dense vectors when a runtime embeds. Default k 10. */
  async search(query: string, k = 10): Promise<SearchHit[]> {
    this.check();
    const vector = this.canEmbed ? (await this.runtime?.embed?.([query]))?.[0] : undefined;
    const hits = await this.stores.vectors.query({ text: query, k, ...(vector ? { vector } : {}) });
    return hits.map((hit) => ({ symbol: hit.id, file: hit.file, kind: hit.kind, score: hit.score }));
  }

  /** What the model should see for `task`, inside `options.budget` tokens. */
  async assembleContext(task: string, options: AssembleContextOptions): Promise<AssembledContext> {
    this.check();
    return assembleContext(
      {
        symbols: this.stores.symbols,
        graph: this.stores.graph,
        search: (text, k) => this.search(text, k),
        readSource: (file) => readFile(path.join(this.config.root, file), 'utf8').catch(() => undefined),
        prepare: async (seeds) => void (await this.typed(seeds, 'both', CONTEXT_CALLER_FILES)),
      },
      task,
      options,
    );
  }

  /**
   * Shadow tags: has the model summarise and tag symbols that have no JSDoc, storing the result
   * in the index only (never in the source). Needs the runtime given to `openTriStore`.
   */
  async writeShadowDocs(options: ShadowTagOptions = {}): Promise<ShadowTagReport> {
    this.check();
    if (!this.runtime) throw new TriStoreError(TriStoreErrorCode.noRuntime, 'shadow tags need a model runtime', { kind: 'usage', hint: 'Configure a model (`krepis model list`) and run again.' });
    await this.updating;
    return writeShadowDocs(this.stores, this.runtime, (file) => readFile(path.join(this.config.root, file), 'utf8').catch(() => undefined), options);
  }

  /** A shortest chain of use edges from one symbol to another, or `undefined`. */
  async path(from: string, to: string): Promise<string[] | undefined> {
    const [start] = await this.startNodes(from);
    const [end] = await this.startNodes(to);
    if (!start || !end) return undefined;
    await this.typedTraverse([start], 'out', USE_EDGES, PATH_TYPED_DEPTH);
    return this.stores.graph.path(start.id, end.id);
  }

  /** The underlying stores, for the shadow-tag pass and tests. */
  get internals(): OpenedStores {
    return this.stores;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.updating;
    await Promise.all([this.stores.symbols.close(), this.stores.graph.close(), this.stores.vectors.close()]);
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}

/** Opens the Tri-Store of `config.root` (creating `<root>/<index.dir>` on first use). */
export const openTriStore = (config: ResolvedConfig, options: OpenTriStoreOptions = {}): Promise<TriStore> => TriStore.open(config, options);
