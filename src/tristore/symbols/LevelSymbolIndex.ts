import { rm } from 'node:fs/promises';
import { ClassicLevel } from 'classic-level';
import { TriStoreError, TriStoreErrorCode } from '../errors.js';
import type { ShadowDoc, SymbolRecord } from '../types.js';
import { NameIndex, type NamePairs } from './NameIndex.js';
import type { FileEntry, FileSummary, SymbolIndex } from './SymbolIndex.js';

const SEP = '\u0000';
const END = '\uffff';
/** The range of keys that start with `prefix`. */
const under = (prefix: string) => ({ gte: prefix, lt: `${prefix}${END}` });
/**
 * Version 2: references carry member-call sites (`at`), with `site` and `typed` keys for the type pass.
 * Version 3: methods of object literals held by variables are symbols (`ordersService.create`).
 * Version 4: one `names` key per file instead of two name keys per symbol.
 */
const FORMAT = 'krepis-symbols-4';
/** Symbol records kept as their stored JSON for `get`, before that cache starts over. */
const MAX_CACHED_RECORDS = 100_000;

const key = {
  format: `meta${SEP}format`,
  file: (path: string) => `file${SEP}${path}`,
  hash: (path: string) => `hash${SEP}${path}`,
  symbol: (id: string) => `sym${SEP}${id}`,
  /** The file's symbols as `[name, id]` pairs, for name lookups (loaded into memory by the first). */
  names: (path: string) => `names${SEP}${path}`,
  importer: (target: string, importer: string) => `imp${SEP}${target}${SEP}${importer}`,
  dirty: (path: string) => `dirty${SEP}${path}`,
  /** A file's member-call sites by called name, for "who may call `X.name`". */
  site: (name: string, path: string) => `site${SEP}${name}${SEP}${path}`,
  /** The content hash whose member-call sites the type checker has resolved into the graph. */
  typed: (path: string) => `typed${SEP}${path}`,
};

/** Distinct names called at the file's member-call sites. */
const siteNames = (entry: FileEntry): Set<string> => new Set(entry.references.filter((reference) => reference.at !== undefined).map((reference) => reference.name));

type Operation = { type: 'put'; key: string; value: unknown } | { type: 'del'; key: string };

/** Thrown by `open` when the store is unreadable or from another format: the caller rebuilds it. */
export class SymbolStoreCorruptError extends Error {
  override readonly name = 'SymbolStoreCorruptError';
}

/** The symbol index on classic-level (LevelDB), in a folder of its own. */
export class LevelSymbolIndex implements SymbolIndex {
  /** Every symbol's name, loaded on the first lookup and kept in step with every write: lookups stay synchronous. */
  private names: NameIndex | undefined;
  /**
   * Symbol id → its stored JSON, for `get`: a LevelDB read costs about twice the parse, and a
   * lookup of a common member name reads hundreds. Dropped for every symbol key a write touches.
   */
  private readonly records = new Map<string, string>();

  private constructor(private readonly db: ClassicLevel<string, unknown>) {}

  private async write(ops: Operation[]): Promise<void> {
    await this.db.batch(ops);
    const symbolPrefix = key.symbol('');
    if (this.records.size > 0) for (const op of ops) if (op.key.startsWith(symbolPrefix)) this.records.delete(op.key.slice(symbolPrefix.length));
    if (!this.names) return;
    const namesPrefix = key.names('');
    for (const op of ops) if (op.key.startsWith(namesPrefix)) this.names.setFile(op.key.slice(namesPrefix.length), op.type === 'put' ? (op.value as NamePairs) : undefined);
  }

  private async loadNames(): Promise<NameIndex> {
    const names = new NameIndex();
    for await (const [path, value] of this.entries(key.names(''))) names.setFile(path, value as NamePairs);
    this.names ??= names;
    return this.names;
  }

  /** Opens (or creates) the index at `location`; throws `SymbolStoreCorruptError` when it cannot be trusted. */
  static async open(location: string): Promise<LevelSymbolIndex> {
    const db = new ClassicLevel<string, unknown>(location, { valueEncoding: 'json' });
    try {
      await db.open();
      const format = await db.get(key.format);
      if (format === undefined) await db.put(key.format, FORMAT);
      else if (format !== FORMAT) throw new SymbolStoreCorruptError(`store format ${JSON.stringify(format)} is not ${JSON.stringify(FORMAT)} (written by another krepis version)`);
    } catch (error) {
      await db.close().catch(() => undefined);
      if ((error as { cause?: { code?: string } }).cause?.code === 'LEVEL_LOCKED') {
        throw new TriStoreError(TriStoreErrorCode.storeUnavailable, `the symbol index at ${location} is in use by another process`, { kind: 'runtime', hint: 'Wait for the other krepis command to finish, then run this one again.', cause: error });
      }
      throw error instanceof SymbolStoreCorruptError ? error : new SymbolStoreCorruptError(String((error as Error).message), { cause: error });
    }
    return new LevelSymbolIndex(db);
  }

  /** Deletes the store folder (after corruption). */
  static async destroy(location: string): Promise<void> {
    await rm(location, { recursive: true, force: true });
  }

  private async range(prefix: string): Promise<string[]> {
    return this.db.keys(under(prefix)).all();
  }

  /** Every entry whose key starts with `prefix`, as the rest of its key and its value. */
  private async *entries(prefix: string): AsyncGenerator<[string, unknown]> {
    for await (const [name, value] of this.db.iterator(under(prefix))) yield [name.slice(prefix.length), value];
  }

  async fileHashes(): Promise<Map<string, FileSummary>> {
    const hashes = new Map<string, FileSummary>();
    for await (const [path, value] of this.entries(key.hash(''))) hashes.set(path, value as FileSummary);
    return hashes;
  }

  async getFile(path: string): Promise<FileEntry | undefined> {
    return (await this.db.get(key.file(path))) as FileEntry | undefined;
  }

  private removal(path: string, old: FileEntry | undefined): Operation[] {
    if (!old) return [];
    const ops: Operation[] = [{ type: 'del', key: key.file(path) }, { type: 'del', key: key.hash(path) }, { type: 'del', key: key.typed(path) }, { type: 'del', key: key.names(path) }];
    for (const name of siteNames(old)) ops.push({ type: 'del', key: key.site(name, path) });
    for (const id of old.symbols) ops.push({ type: 'del', key: key.symbol(id) });
    for (const target of new Set(old.imports.map((entry) => entry.target))) if (target) ops.push({ type: 'del', key: key.importer(target, path) });
    return ops;
  }

  private linkOps(entry: FileEntry): Operation[] {
    const targets = new Set(entry.imports.map((item) => item.target).filter((target) => target !== undefined));
    return [...targets].map((target) => ({ type: 'put', key: key.importer(target, entry.path), value: '' }));
  }

  private siteOps(entry: FileEntry): Operation[] {
    return [...siteNames(entry)].map((name) => ({ type: 'put', key: key.site(name, entry.path), value: '' }));
  }

  async putFile(entry: FileEntry, symbols: readonly SymbolRecord[]): Promise<void> {
    await this.putFiles([{ entry, symbols }]);
  }

  /** Writes several files in one atomic batch (each file's keys complete, so any prefix of runs is consistent). */
  async putFiles(files: readonly { entry: FileEntry; symbols: readonly SymbolRecord[] }[]): Promise<void> {
    const ops: Operation[] = [];
    // One read for the whole batch: a cold index has no old entries, and a round trip per file cost more than the writes.
    const olds = (await this.db.getMany(files.map(({ entry }) => key.file(entry.path)))) as (FileEntry | undefined)[];
    for (const [index, { entry, symbols }] of files.entries()) {
      const old = olds[index];
      const previous = old ? new Map((await this.getMany(old.symbols)).filter((symbol) => symbol !== undefined).map((symbol) => [symbol.id, symbol.shadow])) : new Map<string, undefined>();
      if (old) ops.push(...this.removal(entry.path, old));
      const summary: FileSummary = { hash: entry.hash, symbols: entry.symbols.length, ...(entry.size !== undefined && entry.mtimeMs !== undefined ? { size: entry.size, mtimeMs: entry.mtimeMs } : {}) };
      const names: NamePairs = symbols.map((symbol) => [symbol.name, symbol.id]);
      ops.push({ type: 'put', key: key.file(entry.path), value: entry }, { type: 'put', key: key.hash(entry.path), value: summary }, { type: 'put', key: key.names(entry.path), value: names }, { type: 'put', key: key.dirty(entry.path), value: '' }, ...this.linkOps(entry), ...this.siteOps(entry));
      for (const symbol of symbols) {
        const shadow = symbol.doc ? undefined : previous.get(symbol.id);
        ops.push({ type: 'put', key: key.symbol(symbol.id), value: shadow ? { ...symbol, shadow } : symbol });
      }
    }
    await this.write(ops);
  }

  async touchFiles(files: readonly { path: string; size: number; mtimeMs: number }[]): Promise<void> {
    if (files.length === 0) return;
    const summaries = (await this.db.getMany(files.map((file) => key.hash(file.path)))) as (FileSummary | undefined)[];
    const ops: Operation[] = [];
    files.forEach((file, index) => {
      const summary = summaries[index];
      if (summary) ops.push({ type: 'put', key: key.hash(file.path), value: { ...summary, size: file.size, mtimeMs: file.mtimeMs } });
    });
    await this.write(ops);
  }

  async removeFile(path: string): Promise<void> {
    const ops = this.removal(path, await this.getFile(path));
    await this.write([...ops, { type: 'put', key: key.dirty(path), value: '' }]);
  }

  async relinkFile(entry: FileEntry): Promise<void> {
    const old = await this.getFile(entry.path);
    const stale = [...new Set((old?.imports ?? []).map((item) => item.target))].filter((target) => target !== undefined);
    const ops: Operation[] = stale.map((target) => ({ type: 'del', key: key.importer(target, entry.path) }));
    // The graph rewrites the file's outgoing edges, type-resolved ones included: their mark goes too.
    ops.push(...this.linkOps(entry), { type: 'put', key: key.file(entry.path), value: entry }, { type: 'put', key: key.dirty(entry.path), value: '' }, { type: 'del', key: key.typed(entry.path) });
    await this.write(ops);
  }

  get(id: string): SymbolRecord | undefined {
    let stored = this.records.get(id);
    if (stored === undefined) {
      stored = this.db.getSync(key.symbol(id), { valueEncoding: 'utf8' }) as string | undefined;
      if (stored === undefined) return undefined;
      if (this.records.size >= MAX_CACHED_RECORDS) this.records.clear();
      this.records.set(id, stored);
    }
    return JSON.parse(stored) as SymbolRecord;
  }

  async getMany(ids: readonly string[]): Promise<(SymbolRecord | undefined)[]> {
    return (await this.db.getMany(ids.map(key.symbol))) as (SymbolRecord | undefined)[];
  }

  async lookup(name: string, options: { prefix?: boolean; limit?: number } = {}): Promise<SymbolRecord[]> {
    const names = this.names ?? (await this.loadNames());
    if (!options.prefix) return names.named(name).map((id) => this.get(id)).filter((symbol) => symbol !== undefined);
    return (await this.getMany(names.startingWith(name, options.limit ?? 200))).filter((symbol) => symbol !== undefined);
  }

  async symbolsOf(path: string): Promise<SymbolRecord[]> {
    const entry = await this.getFile(path);
    return entry ? (await this.getMany(entry.symbols)).filter((symbol) => symbol !== undefined) : [];
  }

  async importersOf(path: string): Promise<string[]> {
    const prefix = `imp${SEP}${path}${SEP}`;
    return (await this.range(prefix)).map((entry) => entry.slice(prefix.length));
  }

  async filesCalling(name: string): Promise<string[]> {
    const prefix = `site${SEP}${name}${SEP}`;
    return (await this.range(prefix)).map((entry) => entry.slice(prefix.length));
  }

  async typeResolved(paths: readonly string[]): Promise<Map<string, string>> {
    const hashes = (await this.db.getMany(paths.map(key.typed))) as (string | undefined)[];
    const resolved = new Map<string, string>();
    paths.forEach((path, index) => {
      const hash = hashes[index];
      if (hash !== undefined) resolved.set(path, hash);
    });
    return resolved;
  }

  async markTypeResolved(files: readonly { path: string; hash: string }[]): Promise<void> {
    await this.db.batch(files.map((file) => ({ type: 'put' as const, key: key.typed(file.path), value: file.hash })));
  }

  async clearTypeResolved(paths: readonly string[]): Promise<void> {
    await this.db.batch(paths.map((path) => ({ type: 'del' as const, key: key.typed(path) })));
  }

  async setShadow(id: string, shadow: ShadowDoc): Promise<void> {
    const symbol = this.get(id);
    if (!symbol) return;
    await this.db.put(key.symbol(id), { ...symbol, shadow });
    this.records.delete(id);
  }

  async scan(accept: (symbol: SymbolRecord) => boolean, limit: number): Promise<SymbolRecord[]> {
    const found: SymbolRecord[] = [];
    for await (const value of this.db.values(under(key.symbol('')))) {
      if (found.length >= limit) break;
      if (accept(value as SymbolRecord)) found.push(value as SymbolRecord);
    }
    return found;
  }

  async dirtyFiles(): Promise<string[]> {
    const prefix = key.dirty('');
    return (await this.range(prefix)).map((entry) => entry.slice(prefix.length));
  }

  async markDirty(paths: readonly string[]): Promise<void> {
    await this.db.batch(paths.map((path) => ({ type: 'put' as const, key: key.dirty(path), value: '' })));
  }

  async clearDirty(paths: readonly string[]): Promise<void> {
    await this.db.batch(paths.map((path) => ({ type: 'del' as const, key: key.dirty(path) })));
  }

  async symbolCount(): Promise<number> {
    let count = 0;
    for await (const _ of this.db.keys(under(key.symbol('')))) count++;
    return count;
  }

  /** Forgets every file (the next update re-indexes the whole project). */
  async clearAll(): Promise<void> {
    await this.db.clear();
    await this.db.put(key.format, FORMAT);
    this.names = undefined;
    this.records.clear();
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
