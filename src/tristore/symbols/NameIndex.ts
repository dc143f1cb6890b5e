/** A file's symbols as `[name, id]` pairs: what the symbol index stores per file for name lookups. */
export type NamePairs = readonly (readonly [name: string, id: string])[];

/**
 * Symbol names in memory, loaded from the per-file name lists once and kept in step with every
 * write: exact lookups by name, and case-insensitive prefix lookups over a sorted list that is
 * rebuilt on the first prefix lookup after a change.
 */
export class NameIndex {
  private readonly exact = new Map<string, Set<string>>();
  private readonly byFile = new Map<string, NamePairs>();
  /** `[lowercased name, id]`, sorted; undefined when a write changed the names since. */
  private sorted: [string, string][] | undefined;

  /** Sets (or, with `undefined`, removes) the names of one file's symbols. */
  setFile(path: string, pairs: NamePairs | undefined): void {
    for (const [name, id] of this.byFile.get(path) ?? []) {
      const ids = this.exact.get(name);
      ids?.delete(id);
      if (ids?.size === 0) this.exact.delete(name);
    }
    if (pairs && pairs.length > 0) this.byFile.set(path, pairs);
    else this.byFile.delete(path);
    for (const [name, id] of pairs ?? []) {
      let ids = this.exact.get(name);
      if (!ids) this.exact.set(name, (ids = new Set()));
      ids.add(id);
    }
    this.sorted = undefined;
  }

  /** Ids of the symbols named exactly `name`, sorted. */
  named(name: string): string[] {
    return [...(this.exact.get(name) ?? [])].sort();
  }

  /** Ids of up to `limit` symbols whose name starts with `prefix` ignoring case, by name then id. */
  startingWith(prefix: string, limit: number): string[] {
    const sorted = (this.sorted ??= this.sortedPairs());
    const lower = prefix.toLowerCase();
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((sorted[mid] as [string, string])[0] < lower) low = mid + 1;
      else high = mid;
    }
    const ids: string[] = [];
    for (let index = low; index < sorted.length && ids.length < limit; index++) {
      const [name, id] = sorted[index] as [string, string];
      if (!name.startsWith(lower)) break;
      ids.push(id);
    }
    return ids;
  }

  private sortedPairs(): [string, string][] {
    const pairs: [string, string][] = [];
    for (const file of this.byFile.values()) for (const [name, id] of file) pairs.push([name.toLowerCase(), id]);
    return pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }
}
