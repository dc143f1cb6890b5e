import path from 'node:path';
import { ts } from 'ts-morph';
import { type CompilerConfig, loadCompilerConfig } from './loadCompilerConfig.js';
import { LIB_DIR, readLibFile } from './libFiles.js';

const TS_SOURCE = /\.(c|m)?tsx?$/;

/** Shared by every service in the process, so lib and dependency .d.ts files are parsed once. */
const documentRegistry = ts.createDocumentRegistry();

/**
 * A long-lived TypeScript language service over the real project plus an overlay of edited files.
 * Checks are incremental: a new overlay bumps only the versions of the files it changes, and
 * diagnostics are asked for only the files a change can affect.
 */
export class ProjectService {
  readonly root: string;
  readonly config: CompilerConfig;
  readonly #overlay = new Map<string, string>();
  readonly #versions = new Map<string, number>();
  readonly #snapshots = new Map<string, { version: string; snapshot: ts.IScriptSnapshot }>();
  readonly #imports = new Map<string, { version: string; targets: string[] }>();
  readonly #resolutionCache: ts.ModuleResolutionCache;
  readonly #service: ts.LanguageService;

  constructor(root: string) {
    this.root = root;
    this.config = loadCompilerConfig(root);
    this.#resolutionCache = ts.createModuleResolutionCache(root, (name) => name, this.config.options);
    this.#service = ts.createLanguageService(this.#host(), documentRegistry);
  }

  #host(): ts.LanguageServiceHost {
    return {
      getScriptFileNames: () => [...new Set([...this.config.fileNames, ...[...this.#overlay.keys()].filter((file) => TS_SOURCE.test(file))])],
      getScriptVersion: (file) => String(this.#versions.get(file) ?? 0),
      getScriptSnapshot: (file) => this.#snapshot(file),
      getCurrentDirectory: () => this.root,
      getCompilationSettings: () => this.config.options,
      getDefaultLibFileName: (options) => path.join(LIB_DIR, ts.getDefaultLibFileName(options)),
      fileExists: (file) => this.#overlay.has(file) || readLibFile(file) !== undefined || ts.sys.fileExists(file),
      readFile: (file) => this.#overlay.get(file) ?? readLibFile(file) ?? ts.sys.readFile(file),
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
      realpath: ts.sys.realpath,
      useCaseSensitiveFileNames: () => ts.sys.useCaseSensitiveFileNames,
    };
  }

  #snapshot(file: string): ts.IScriptSnapshot | undefined {
    const version = String(this.#versions.get(file) ?? 0);
    const cached = this.#snapshots.get(file);
    if (cached?.version === version) return cached.snapshot;
    const text = this.#overlay.get(file) ?? readLibFile(file) ?? ts.sys.readFile(file);
    if (text === undefined) return undefined;
    const snapshot = ts.ScriptSnapshot.fromString(text);
    this.#snapshots.set(file, { version, snapshot });
    return snapshot;
  }

  /** Replaces the overlay (relative path → content); returns the absolute paths whose text changed. */
  setOverlay(files: ReadonlyMap<string, string>): string[] {
    const next = new Map([...files].map(([rel, text]) => [path.join(this.root, rel), text] as const));
    const touched = new Set([...this.#overlay.keys(), ...next.keys()].filter((file) => this.#overlay.get(file) !== next.get(file)));
    this.#overlay.clear();
    for (const [file, text] of next) this.#overlay.set(file, text);
    for (const file of touched) this.#versions.set(file, (this.#versions.get(file) ?? 0) + 1);
    return [...touched];
  }

  get program(): ts.Program {
    const program = this.#service.getProgram();
    if (!program) throw new Error('the TypeScript language service has no program');
    return program;
  }

  /** Project files that import (directly, or through re-exports) any of `files`. */
  dependents(files: readonly string[]): string[] {
    const targets = new Set(files);
    const program = this.program;
    const result = new Set<string>();
    for (const source of program.getSourceFiles()) {
      if (source.isDeclarationFile || source.fileName.includes('/node_modules/') || targets.has(source.fileName)) continue;
      if (this.#importsOf(source).some((target) => targets.has(target))) result.add(source.fileName);
    }
    return [...result];
  }

  /** Resolved project files a source file imports, cached per file version. */
  #importsOf(source: ts.SourceFile): string[] {
    const version = String(this.#versions.get(source.fileName) ?? 0);
    const cached = this.#imports.get(source.fileName);
    if (cached?.version === version) return cached.targets;
    const targets: string[] = [];
    for (const statement of source.statements) {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ? statement.moduleSpecifier : undefined;
      if (!specifier || !ts.isStringLiteral(specifier) || !specifier.text.startsWith('.')) continue;
      const resolved = ts.resolveModuleName(specifier.text, source.fileName, this.config.options, ts.sys, this.#resolutionCache).resolvedModule;
      if (resolved) targets.push(resolved.resolvedFileName);
    }
    this.#imports.set(source.fileName, { version, targets });
    return targets;
  }

  /** Syntactic and semantic diagnostics of `files` only. */
  diagnostics(files: readonly string[]): ts.Diagnostic[] {
    return files.flatMap((file) => [...this.#service.getSyntacticDiagnostics(file), ...this.#service.getSemanticDiagnostics(file)]);
  }

  dispose(): void {
    this.#service.dispose();
  }
}
