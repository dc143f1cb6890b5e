import path from 'node:path';
import { throwIfAborted } from '../errors.js';
import type { CodeGraph } from '../graph/CodeGraph.js';
import type { FileEntry, ResolvedImport, SymbolIndex } from '../symbols/SymbolIndex.js';
import type { IndexProgress, IndexReport, SymbolRecord } from '../types.js';
import type { Chunk, VectorStore } from '../vectors/VectorStore.js';
import { chunkText } from './chunkText.js';
import { discoverFiles, discoverPaths, type Discovery, type DiscoverOptions } from './discoverFiles.js';
import { ExportsCache, symbolsByName } from './exportsCache.js';
import type { ParsedFile } from './facts.js';
import { GraphFeed, type LinkItem } from './GraphFeed.js';
import { isTestFile } from './language.js';
import { affectedImporters, nameChange, type NameChange } from './affectedImporters.js';
import { lowerInliningBudget } from './jitBudget.js';
import { ModuleResolver } from './ModuleResolver.js';
import { ParsePool, WORKER_MIN_FILES } from './parsePool.js';
import { scanFiles, type Scan } from './scanFiles.js';

export interface IndexStores {
  symbols: SymbolIndex;
  graph: CodeGraph;
  vectors: VectorStore;
  /** Embeds chunk texts, when a runtime with embeddings is configured. */
  embed?: (texts: readonly string[]) => Promise<Float32Array[]>;
}

export interface UpdateOptions extends DiscoverOptions {
  onProgress?: (progress: IndexProgress) => void;
  signal?: AbortSignal;
  /** Only these project-relative (or absolute) files changed. */
  files?: readonly string[];
  /** Told, once the stores are written, which indexed files changed content or were removed. */
  onContentChanged?: (files: readonly string[]) => void;
}

interface Changed {
  path: string;
  text: string;
  hash: string;
  parsed: ParsedFile;
  entry: FileEntry;
}

const WRITE_CONCURRENCY = 32;
/** Files per LevelDB batch: each file's keys are complete within a batch, so a kill between batches is consistent. */
const WRITE_BATCH = 16;
const EMBED_BATCH = 32;
/** Linked files per graph write while parsing goes on. */
const GRAPH_CHUNK = 48;

/** Files to look at: everything (a full scan), or only the ones the caller says changed. */
async function candidates(options: UpdateOptions, known: ReadonlyMap<string, unknown>): Promise<Discovery & { full: boolean; wanted: Set<string> }> {
  if (!options.files) return { ...(await discoverFiles(options)), full: true, wanted: new Set() };
  const wanted = new Set(options.files.map((file) => path.relative(options.root, path.resolve(options.root, file)).split(path.sep).join('/')));
  const found = await discoverPaths(options, [...wanted]);
  const present = new Set(found.files.map((file) => file.path));
  for (const file of wanted) if (!present.has(file) && known.has(file)) found.skipped.vanished = (found.skipped.vanished ?? 0) + 1;
  return { ...found, full: false, wanted };
}

/** Merges overloads and declaration merging (same qualified name) into one record. */
function dedupe(symbols: SymbolRecord[]): SymbolRecord[] {
  const byId = new Map<string, SymbolRecord>();
  for (const symbol of symbols) {
    const first = byId.get(symbol.id);
    if (!first) byId.set(symbol.id, symbol);
    else if (first.kind === symbol.kind && (symbol.kind === 'function' || symbol.kind === 'method')) first.signature = `${first.signature}\n${symbol.signature}`;
  }
  return [...byId.values()];
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function runInGroups<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let index = 0; index < items.length; index += size) await Promise.all(items.slice(index, index + size).map(work));
}

/**
 * One incremental, content-addressed pass: hash every candidate file, re-parse only those whose
 * hash changed (or that a killed run left dirty), remove deleted ones, relink their importers,
 * then bring the graph and vectors up to date and clear the dirty marks.
 */
export async function updateIndex(stores: IndexStores, options: UpdateOptions): Promise<IndexReport> {
  const started = performance.now();
  const progress = options.onProgress ?? (() => undefined);
  const known = await stores.symbols.fileHashes();
  const dirty = new Set(await stores.symbols.dirtyFiles());
  progress({ phase: 'scan', done: 0, total: known.size });
  const discovery = await candidates(options, known);
  // Enough new files to parse on a worker: it starts now and loads tree-sitter while the files are read.
  const bulk = discovery.files.length - known.size >= WORKER_MIN_FILES;
  if (bulk) lowerInliningBudget();
  const parser = bulk ? new ParsePool().warm() : new ParsePool();
  try {
    const scan = await scanFiles(discovery.files, known, dirty, { skipped: { ...discovery.skipped }, problems: [...discovery.problems] }, options);
    const allFiles = new Set([...scan.current, ...(discovery.full ? [] : [...known.keys()])]);
    const removed = [...known.keys()].filter((file) => !scan.current.has(file) && (discovery.full || discovery.wanted.has(file)));
    for (const file of removed) allFiles.delete(file);
    const resolver = new ModuleResolver(options.root);
    const resolveImports = (entry: FileEntry, imports: readonly ResolvedImport[]): ResolvedImport[] =>
      imports.map((item) => {
        const target = resolver.resolve(entry.path, item.specifier, (file) => allFiles.has(file));
        return { specifier: item.specifier, bindings: item.bindings, reexport: item.reexport, ...(target ? { target } : {}) };
      });
    await stores.symbols.touchFiles(scan.touched);
    const report = await writeStores(stores, { scan, total: discovery.files.length, removed, dirty, stored: new Set([...known.keys(), ...dirty]), resolveImports, parser, options, started });
    const rewritten = scan.changed.filter((source) => (known.get(source.file.path)?.hash ?? source.hash) !== source.hash).map((source) => source.file.path);
    options.onContentChanged?.([...removed, ...rewritten]);
    return report;
  } finally {
    await parser.close();
  }
}

interface WritePlan {
  scan: Scan;
  /** Candidate files (progress events count in them). */
  total: number;
  removed: string[];
  /** Files a killed run left dirty: the graph may hold edges from any of their symbols. */
  dirty: ReadonlySet<string>;
  /** Files the symbol index held an entry or a dirty mark for when the run began. */
  stored: ReadonlySet<string>;
  resolveImports: (entry: FileEntry, imports: readonly ResolvedImport[]) => ResolvedImport[];
  /** Parses the changed files (on a worker when there are many). */
  parser: ParsePool;
  options: UpdateOptions;
  started: number;
}

/** What the stores hold now for the files about to be rewritten or removed. */
async function previousState(stores: IndexStores, changed: readonly string[], removed: readonly string[], stored: ReadonlySet<string>) {
  const previousEntries = new Map<string, FileEntry>();
  // Only files the index already holds (known, or left dirty by a killed run) can have an entry.
  for (const file of changed) {
    const old = stored.has(file) ? await stores.symbols.getFile(file) : undefined;
    if (old) previousEntries.set(file, old);
  }
  const removedSymbols: { path: string; symbols: string[] }[] = [];
  for (const file of removed) removedSymbols.push({ path: file, symbols: (await stores.symbols.getFile(file))?.symbols ?? [] });
  return { previousEntries, removedSymbols };
}

/** Parses one changed file into its symbols and index entry (imports resolved). */
function parseOne(source: Scan['changed'][number], parsed: ParsedFile, resolveImports: WritePlan['resolveImports']): Changed {
  const { file, text, hash } = source;
  parsed.symbols = dedupe(parsed.symbols);
  const entry: FileEntry = { path: file.path, hash, size: file.size, mtimeMs: file.mtimeMs, symbols: parsed.symbols.map((symbol) => symbol.id), imports: [], references: parsed.references, isTest: isTestFile(file.path), syntaxErrors: parsed.syntaxErrors };
  entry.imports = resolveImports(entry, parsed.imports);
  return { path: file.path, text, hash, parsed, entry };
}

/** A syntax error report, and how many of the scan's problems come before it in discovery order. */
type SyntaxProblem = { before: number; problem: IndexReport['problems'][number] };

/** The scan's problems with each syntax error report at its file's place in discovery order. */
function mergeProblems(scanned: IndexReport['problems'], syntax: readonly SyntaxProblem[]): IndexReport['problems'] {
  const merged: IndexReport['problems'] = [];
  let next = 0;
  for (const { before, problem } of syntax) {
    while (next < before) merged.push(scanned[next++] as IndexReport['problems'][number]);
    merged.push(problem);
  }
  return [...merged, ...scanned.slice(next)];
}

/**
 * Parses the changed files in discovery order, writing symbol-index batches behind the parser
 * and feeding the graph as files become linkable. Resolves once every symbol batch is written.
 */
async function parseChanged(stores: IndexStores, plan: WritePlan, sinks: { previousEntries: ReadonlyMap<string, FileEntry>; cache: ExportsCache; feed: GraphFeed }): Promise<{ changed: Changed[]; syntax: SyntaxProblem[] }> {
  const { previousEntries, cache, feed } = sinks;
  const progress = plan.options.onProgress ?? (() => undefined);
  const changed: Changed[] = [];
  const syntax: SyntaxProblem[] = [];
  let symbolsWritten: Promise<void> = Promise.resolve();
  let written = 0;
  const writeSymbols = (batch: readonly Changed[]) => {
    symbolsWritten = symbolsWritten.then(async () => {
      throwIfAborted(plan.options.signal);
      await stores.symbols.putFiles(batch.map((item) => ({ entry: item.entry, symbols: item.parsed.symbols })));
      written += batch.length;
      progress({ phase: 'link', done: written, total: plan.scan.changed.length });
    });
    // Awaited below; this only keeps a failure from being reported as unhandled meanwhile.
    symbolsWritten.catch(() => undefined);
  };
  const parser = plan.parser.parse(plan.scan.changed.map((source) => ({ path: source.file.path, text: source.text })));
  try {
    for (const source of plan.scan.changed) {
      throwIfAborted(plan.options.signal);
      progress({ phase: 'parse', done: source.index, total: plan.total });
      const item = parseOne(source, await parser.next(), plan.resolveImports);
      if (item.parsed.syntaxErrors > 0) syntax.push({ before: source.problemsBefore, problem: { file: item.path, reason: 'syntax-error', detail: `${item.parsed.syntaxErrors} syntax error(s); indexed what parses` } });
      changed.push(item);
      cache.set(item.path, { entry: item.entry, symbols: symbolsByName(item.parsed.symbols) });
      const old = previousEntries.get(item.path)?.symbols ?? [];
      // A killed run may have written this file's graph before its symbol entry: drop edges from its current symbols too.
      feed.add({ entry: item.entry, symbols: item.parsed.symbols, previousSymbols: plan.dirty.has(item.path) ? [...new Set([...old, ...item.entry.symbols])] : old });
      if (changed.length % WRITE_BATCH === 0) {
        writeSymbols(changed.slice(-WRITE_BATCH));
        feed.pump();
        // Parsing never awaits: without a turn of the event loop, the writes queued above would all wait for the last file.
        await yieldToEventLoop();
      }
    }
    if (changed.length % WRITE_BATCH !== 0) writeSymbols(changed.slice(changed.length - (changed.length % WRITE_BATCH)));
    await symbolsWritten;
  } catch (error) {
    // Aborted or failed mid-parse: let the writes already sent finish before the caller closes the stores.
    await Promise.all([symbolsWritten.catch(() => undefined), feed.settle()]);
    throw error;
  } finally {
    await parser.close();
  }
  return { changed, syntax };
}

/**
 * Marks every changed file dirty first, then parses them, writing the symbol index in batches and
 * feeding the graph (written on the engine's threads) as files become linkable; vectors last.
 * A kill anywhere after the mark leaves files the next run redoes.
 */
async function writeStores(stores: IndexStores, plan: WritePlan): Promise<IndexReport> {
  const { scan, removed, options } = plan;
  const progress = options.onProgress ?? (() => undefined);
  const changedPaths = new Set(scan.changed.map((source) => source.file.path));
  const { previousEntries, removedSymbols } = await previousState(stores, [...changedPaths], removed, plan.stored);
  await stores.symbols.markDirty([...changedPaths, ...removed]);
  throwIfAborted(options.signal);
  const cache = new ExportsCache(stores.symbols);
  for (const file of removed) cache.forget(file);
  const feed = new GraphFeed(stores.graph, cache, GRAPH_CHUNK);
  const { changed, syntax } = await parseChanged(stores, plan, { previousEntries, cache, feed });
  const surfaces = new Map<string, NameChange>(removed.map((file) => [file, 'all']));
  for (const item of changed) surfaces.set(item.path, nameChange(previousEntries.get(item.path), item.entry));
  const importers = await affectedImporters(stores.symbols, surfaces, (file) => changedPaths.has(file) || removed.includes(file));
  const relinked: LinkItem[] = [];
  for (const [importer, entry] of importers) {
    entry.imports = plan.resolveImports(entry, entry.imports);
    await stores.symbols.relinkFile(entry);
    relinked.push({ entry, symbols: await stores.symbols.symbolsOf(importer), previousSymbols: entry.symbols });
  }
  await cache.preload([...feed.pending, ...relinked.map((item) => item.entry)].flatMap((entry) => entry.imports.map((imported) => imported.target).filter((target) => target !== undefined)));
  progress({ phase: 'graph', done: feed.sent, total: changed.length + relinked.length });
  const graphWritten = feed.finish(relinked, removedSymbols);
  graphWritten.catch(() => undefined);
  await runInGroups(removed, WRITE_CONCURRENCY, (file) => stores.symbols.removeFile(file));
  progress({ phase: 'vectors', done: 0, total: changed.length });
  await Promise.all([graphWritten, writeVectors(stores, changed, removed)]);
  await stores.symbols.clearDirty([...changedPaths, ...removed, ...importers.keys()]);
  const known = await stores.symbols.fileHashes();
  const counts = await stores.graph.counts();
  progress({ phase: 'done', done: changed.length, total: changed.length });
  return {
    files: { total: scan.current.size, parsed: changed.length, unchanged: scan.unchanged, removed: removed.length, withSyntaxErrors: syntax.length },
    symbols: [...known.values()].reduce((sum, file) => sum + file.symbols, 0),
    edges: counts.edges,
    vectors: await stores.vectors.count(),
    skipped: scan.skipped,
    problems: mergeProblems(scan.problems, syntax),
    ms: Math.round(performance.now() - plan.started),
  };
}

async function writeVectors(stores: IndexStores, changed: readonly Changed[], removed: readonly string[]): Promise<void> {
  await stores.vectors.removeFiles([...removed, ...changed.map((item) => item.path)]);
  const chunks: Chunk[] = changed.flatMap((item) => item.parsed.symbols.map((symbol) => ({ id: symbol.id, file: symbol.file, kind: symbol.kind, text: chunkText(symbol, item.text) })));
  if (stores.embed) {
    for (let index = 0; index < chunks.length; index += EMBED_BATCH) {
      const batch = chunks.slice(index, index + EMBED_BATCH);
      const vectors = await stores.embed(batch.map((chunk) => chunk.text));
      batch.forEach((chunk, offset) => (chunk.vector = vectors[offset]));
    }
  }
  await stores.vectors.upsert(chunks);
  await stores.vectors.flush();
}

