import type { ImportFact, ReferenceFact } from '../ingest/facts.js';
import type { ShadowDoc, SymbolRecord } from '../types.js';

/** An import with the project file it resolved to (absent: a package or an unresolved path). */
export interface ResolvedImport extends ImportFact {
  target?: string;
}

/** What the index keeps per file: its hash, its symbols, and the facts needed to relink it without re-parsing. */
export interface FileEntry {
  path: string;
  /** Content hash (sha1, base64url) of the file's text. */
  hash: string;
  size?: number;
  mtimeMs?: number;
  symbols: string[];
  imports: ResolvedImport[];
  references: ReferenceFact[];
  isTest: boolean;
  syntaxErrors: number;
}

/** The light per-file record read on every update. */
export interface FileSummary {
  hash: string;
  symbols: number;
  /** Size and mtime when last hashed: unchanged ones let a scan skip reading the file. */
  size?: number;
  mtimeMs?: number;
}

/**
 * The symbol index port: symbol → record, file → symbols and hash, name → symbols (exact and
 * case-insensitive prefix). Every write for one file is one atomic batch, and marks the file
 * dirty until the graph and vector stores have caught up (`clearDirty`).
 */
export interface SymbolIndex {
  /** Every indexed file with its content hash and symbol count. */
  fileHashes(): Promise<Map<string, FileSummary>>;
  getFile(path: string): Promise<FileEntry | undefined>;
  /** Replaces a file's entry and symbols atomically. */
  putFile(entry: FileEntry, symbols: readonly SymbolRecord[]): Promise<void>;
  /** Replaces several files in one atomic batch. */
  putFiles(files: readonly { entry: FileEntry; symbols: readonly SymbolRecord[] }[]): Promise<void>;
  /** Records a new size/mtime for files whose content did not change. */
  touchFiles(files: readonly { path: string; size: number; mtimeMs: number }[]): Promise<void>;
  /** Removes a file and its symbols atomically. */
  removeFile(path: string): Promise<void>;
  /** Rewrites a file's resolved imports and references (no symbol change). */
  relinkFile(entry: FileEntry): Promise<void>;
  get(id: string): SymbolRecord | undefined;
  getMany(ids: readonly string[]): Promise<(SymbolRecord | undefined)[]>;
  /** Symbols named `name` (exactly), or whose name starts with `name` ignoring case. */
  lookup(name: string, options?: { prefix?: boolean; limit?: number }): Promise<SymbolRecord[]>;
  symbolsOf(path: string): Promise<SymbolRecord[]>;
  /** Files whose imports resolve to `path`. */
  importersOf(path: string): Promise<string[]>;
  /** Files with a member-call site calling `name` (`x.name()` where `x` is not `this`). */
  filesCalling(name: string): Promise<string[]>;
  /** For each of `paths` whose member-call sites were type-resolved: the content hash they were resolved at. */
  typeResolved(paths: readonly string[]): Promise<Map<string, string>>;
  /** Records that these files' sites are resolved into the graph; a rewrite or relink of a file drops its mark. */
  markTypeResolved(files: readonly { path: string; hash: string }[]): Promise<void>;
  /** Drops the type-resolved marks of `paths` (a file they import changed). */
  clearTypeResolved(paths: readonly string[]): Promise<void>;
  setShadow(id: string, shadow: ShadowDoc): Promise<void>;
  /** Up to `limit` symbols that `accept` lets through, in id order. */
  scan(accept: (symbol: SymbolRecord) => boolean, limit: number): Promise<SymbolRecord[]>;
  /** Files written since their graph and vectors were last brought up to date. */
  dirtyFiles(): Promise<string[]>;
  /** Marks files dirty ahead of writes to the other stores, so that a run killed meanwhile redoes them. */
  markDirty(paths: readonly string[]): Promise<void>;
  clearDirty(paths: readonly string[]): Promise<void>;
  symbolCount(): Promise<number>;
  close(): Promise<void>;
}
