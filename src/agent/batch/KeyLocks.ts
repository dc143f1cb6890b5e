/**
 * Serializes items that touch the same files or dependent symbols: an item runs only when none
 * of its keys is held by a running item, so two applied results never touch the same thing.
 */
export class KeyLocks {
  private readonly held = new Set<string>();

  /** Takes every key, or none when one is held. */
  tryAcquire(keys: readonly string[]): boolean {
    if (keys.some((key) => this.held.has(key))) return false;
    for (const key of keys) this.held.add(key);
    return true;
  }

  release(keys: readonly string[]): void {
    for (const key of keys) this.held.delete(key);
  }

  get size(): number {
    return this.held.size;
  }
}
