import type { SymbolIndex } from '../symbols/SymbolIndex.js';
import type { SymbolRecord } from '../types.js';
import type { ExportsLookup, FileExports } from './linkFile.js';

const MAX_DEPTH = 4;

export const symbolsByName = (symbols: readonly SymbolRecord[]): Map<string, SymbolRecord> => new Map(symbols.map((symbol) => [symbol.qualifiedName, symbol]));

/** Files' exports for the linker: fresh ones from this run, the rest loaded from the symbol index on demand. */
export class ExportsCache {
  private readonly cache = new Map<string, FileExports | null>();

  constructor(private readonly index: SymbolIndex) {}

  set(path: string, exports: FileExports): void {
    this.cache.set(path, exports);
  }

  forget(path: string): void {
    this.cache.set(path, null);
  }

  /** Whether `path` is settled here: loaded, set, or known to be absent. */
  has(path: string): boolean {
    return this.cache.has(path);
  }

  /** Loads `paths` and the files they re-export from, so that `lookup` can stay synchronous. */
  async preload(paths: Iterable<string>, depth = 0): Promise<void> {
    const missing = [...new Set(paths)].filter((path) => !this.cache.has(path));
    const next: string[] = [];
    await Promise.all(
      missing.map(async (path) => {
        const entry = await this.index.getFile(path);
        if (!entry) return this.cache.set(path, null);
        const symbols = await this.index.getMany(entry.symbols);
        this.cache.set(path, { entry, symbols: symbolsByName(symbols.filter((symbol) => symbol !== undefined)) });
      }),
    );
    for (const path of paths) {
      for (const item of this.cache.get(path)?.entry.imports ?? []) if (item.reexport && item.target) next.push(item.target);
    }
    if (next.length > 0 && depth < MAX_DEPTH) await this.preload(next, depth + 1);
  }

  readonly lookup: ExportsLookup = (path) => this.cache.get(path) ?? undefined;
}
