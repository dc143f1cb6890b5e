import { createHash } from 'node:crypto';
import path from 'node:path';
import { throwIfAborted } from '../errors.js';
import type { CodeGraph, FileGraph } from '../graph/CodeGraph.js';
import type { FileEntry, ResolvedImport, SymbolIndex } from '../symbols/SymbolIndex.js';
import type { IndexProgress, IndexReport, SkipReason, SymbolRecord } from '../types.js';
import type { Chunk, VectorStore } from '../vectors/VectorStore.js';
import { chunkText } from './chunkText.js';
import { discoverFiles, discoverPaths, type Discovery, type DiscoverOptions } from './discoverFiles.js';
import { ExportsCache, symbolsByName } from './exportsCache.js';
import type { ParsedFile } from './facts.js';
import { isTestFile } from './language.js';
import { linkFile } from './linkFile.js';
import { affectedImporters, nameChange, type NameChange } from './affectedImporters.js';
import { ModuleResolver } from './ModuleResolver.js';
import { parseFile } from './parseFile.js';
import { readSource } from './readSource.js';

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
  const skipped: Partial<Record<SkipReason, number>> = { ...discovery.skipped };
  const problems: IndexReport['problems'] = [...discovery.problems];
  const current = new Set<string>();
  const changed: Changed[] = [];
  let unchanged = 0;
  /** Same content, new mtime (a checkout, a touch): only the summary is refreshed. */
  const touched: { path: string; size: number; mtimeMs: number }[] = [];
  let syntaxErrors = 0;
  for (const [index, file] of discovery.files.entries()) {
    throwIfAborted(options.signal);
    const summary = known.get(file.path);
    if (summary && summary.size === file.size && summary.mtimeMs === file.mtimeMs && !dirty.has(file.path)) {
      current.add(file.path);
      unchanged++;
      continue;
    }
    const read = await readSource(file.absolute);
    if (!read.ok) {
      skipped[read.reason] = (skipped[read.reason] ?? 0) + 1;
      if (read.reason !== 'generated' && read.reason !== 'binary') problems.push({ file: file.path, reason: read.reason, ...(read.detail ? { detail: read.detail } : {}) });
      continue;
    }
    current.add(file.path);
    const hash = createHash('sha1').update(read.text).digest('base64url');
    if (summary?.hash === hash && !dirty.has(file.path)) {
      unchanged++;
      touched.push({ path: file.path, size: file.size, mtimeMs: file.mtimeMs });
      continue;
    }
    progress({ phase: 'parse', done: index, total: discovery.files.length, file: file.path });
    const parsed = parseFile(file.path, read.text);
    parsed.symbols = dedupe(parsed.symbols);
    if (parsed.syntaxErrors > 0) {
      syntaxErrors++;
      problems.push({ file: file.path, reason: 'syntax-error', detail: `${parsed.syntaxErrors} syntax error(s); indexed what parses` });
    }
    const entry: FileEntry = { path: file.path, hash, size: file.size, mtimeMs: file.mtimeMs, symbols: parsed.symbols.map((symbol) => symbol.id), imports: [], references: parsed.references, isTest: isTestFile(file.path), syntaxErrors: parsed.syntaxErrors };
    changed.push({ path: file.path, text: read.text, hash, parsed, entry });
  }
  const allFiles = new Set([...current, ...(discovery.full ? [] : [...known.keys()])]);
  const removed = [...known.keys()].filter((file) => !current.has(file) && (discovery.full || discovery.wanted.has(file)));
  for (const file of removed) allFiles.delete(file);
  const resolver = new ModuleResolver(options.root);
  const resolveImports = (entry: FileEntry, imports: readonly ResolvedImport[]): ResolvedImport[] =>
    imports.map((item) => {
      const target = resolver.resolve(entry.path, item.specifier, (file) => allFiles.has(file));
      return { specifier: item.specifier, bindings: item.bindings, reexport: item.reexport, ...(target ? { target } : {}) };
    });
  for (const item of changed) item.entry.imports = resolveImports(item.entry, item.parsed.imports);
  await stores.symbols.touchFiles(touched);
  return writeStores(stores, { changed, removed, dirty, stored: new Set([...known.keys(), ...dirty]), resolveImports, options, started, report: { skipped, problems, unchanged, syntaxErrors, total: current.size } });
}

interface WritePlan {
  changed: Changed[];
  removed: string[];
  /** Files a killed run left dirty: the graph may hold edges from any of their symbols. */
  dirty: ReadonlySet<string>;
  /** Files the symbol index held an entry or a dirty mark for when the run began. */
  stored: ReadonlySet<string>;
  resolveImports: (entry: FileEntry, imports: readonly ResolvedImport[]) => ResolvedImport[];
  options: UpdateOptions;
  started: number;
  report: { skipped: IndexReport['skipped']; problems: IndexReport['problems']; unchanged: number; syntaxErrors: number; total: number };
}

/** What the stores hold now for the files about to be rewritten or removed. */
async function previousState(stores: IndexStores, changed: readonly Changed[], removed: readonly string[], stored: ReadonlySet<string>) {
  const previousEntries = new Map<string, FileEntry>();
  // Only files the index already holds (known, or left dirty by a killed run) can have an entry.
  for (const item of changed) {
    const old = stored.has(item.path) ? await stores.symbols.getFile(item.path) : undefined;
    if (old) previousEntries.set(item.path, old);
  }
  const removedSymbols: { path: string; symbols: string[] }[] = [];
  for (const file of removed) removedSymbols.push({ path: file, symbols: (await stores.symbols.getFile(file))?.symbols ?? [] });
  return { previousEntries, removedSymbols };
}

/**
 * Marks every file dirty first, then writes the graph (on the engine's threads) while the symbol
 * index and vectors are written here: a kill anywhere after the mark leaves files the next run redoes.
 */
async function writeStores(stores: IndexStores, plan: WritePlan): Promise<IndexReport> {
  const { changed, removed, options } = plan;
  const progress = options.onProgress ?? (() => undefined);
  const { previousEntries, removedSymbols } = await previousState(stores, changed, removed, plan.stored);
  const changedPaths = new Set(changed.map((item) => item.path));
  await stores.symbols.markDirty([...changedPaths, ...removed]);
  throwIfAborted(options.signal);
  const cache = new ExportsCache(stores.symbols);
  for (const item of changed) cache.set(item.path, { entry: item.entry, symbols: symbolsByName(item.parsed.symbols) });
  for (const file of removed) cache.forget(file);
  const surfaces = new Map<string, NameChange>(removed.map((file) => [file, 'all']));
  for (const item of changed) surfaces.set(item.path, nameChange(previousEntries.get(item.path), item.entry));
  const importers = await affectedImporters(stores.symbols, surfaces, (file) => changedPaths.has(file) || removed.includes(file));
  const relinked: { entry: FileEntry; symbols: SymbolRecord[] }[] = [];
  for (const [importer, entry] of importers) {
    entry.imports = plan.resolveImports(entry, entry.imports);
    await stores.symbols.relinkFile(entry);
    relinked.push({ entry, symbols: await stores.symbols.symbolsOf(importer) });
  }
  await cache.preload([...changed, ...relinked.map((item) => ({ entry: item.entry }))].flatMap((item) => item.entry.imports.map((imported) => imported.target).filter((target) => target !== undefined)));
  const graphs: FileGraph[] = [];
  for (const item of changed) {
    const old = previousEntries.get(item.path)?.symbols ?? [];
    // A killed run may have written this file's graph before its symbol entry: drop edges from its current symbols too.
    graphs.push(fileGraph(item.entry, item.parsed.symbols, plan.dirty.has(item.path) ? [...new Set([...old, ...item.entry.symbols])] : old, cache));
  }
  for (const item of relinked) graphs.push(fileGraph(item.entry, item.symbols, item.entry.symbols, cache));
  progress({ phase: 'graph', done: 0, total: graphs.length });
  const graphWritten = stores.graph.writeFiles(graphs, removedSymbols);
  // Awaited below; this only keeps a failure from being reported as unhandled meanwhile.
  graphWritten.catch(() => undefined);
  let written = 0;
  for (let index = 0; index < changed.length; index += WRITE_BATCH) {
    throwIfAborted(options.signal);
    const batch = changed.slice(index, index + WRITE_BATCH);
    await stores.symbols.putFiles(batch.map((item) => ({ entry: item.entry, symbols: item.parsed.symbols })));
    written += batch.length;
    progress({ phase: 'link', done: written, total: changed.length });
  }
  await runInGroups(removed, WRITE_CONCURRENCY, (file) => stores.symbols.removeFile(file));
  progress({ phase: 'vectors', done: 0, total: changed.length });
  await Promise.all([graphWritten, writeVectors(stores, changed, removed)]);
  await stores.symbols.clearDirty([...changedPaths, ...removed, ...importers.keys()]);
  const known = await stores.symbols.fileHashes();
  const counts = await stores.graph.counts();
  progress({ phase: 'done', done: changed.length, total: changed.length });
  return {
    files: { total: plan.report.total, parsed: changed.length, unchanged: plan.report.unchanged, removed: removed.length, withSyntaxErrors: plan.report.syntaxErrors },
    symbols: [...known.values()].reduce((sum, file) => sum + file.symbols, 0),
    edges: counts.edges,
    vectors: await stores.vectors.count(),
    skipped: plan.report.skipped,
    problems: plan.report.problems,
    ms: Math.round(performance.now() - plan.started),
  };
}

function fileGraph(entry: FileEntry, symbols: readonly SymbolRecord[], previousSymbols: string[], cache: ExportsCache): FileGraph {
  return {
    path: entry.path,
    isTest: entry.isTest,
    symbols: symbols.map((symbol) => ({ id: symbol.id, name: symbol.name, kind: symbol.kind })),
    edges: linkFile(entry, symbolsByName(symbols), cache.lookup),
    previousSymbols,
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

