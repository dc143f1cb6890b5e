import type { JournalStore } from '../ports/index.js';

interface MemoryLog {
  bytes: Uint8Array;
  synced: number;
}

/**
 * In-memory {@link JournalStore} that remembers what was synced, for tests of crash recovery:
 * `crash(keep)` drops unsynced bytes beyond `keep` of them, as a power cut would.
 *
 * @example
 * ```ts
 * const store = new MemoryJournalStore();
 * const journal = await Journal.open(store, 'orders');
 * await journal.append('acme', payload);
 * store.crash();
 * const reopened = await Journal.open(store, 'orders'); // recovers the durable prefix
 * ```
 */
export class MemoryJournalStore implements JournalStore {
  private readonly logs = new Map<string, MemoryLog>();

  async append(log: string, bytes: Uint8Array): Promise<number> {
    const entry = this.entry(log);
    const offset = entry.bytes.length;
    const grown = new Uint8Array(offset + bytes.length);
    grown.set(entry.bytes);
    grown.set(bytes, offset);
    entry.bytes = grown;
    return offset;
  }

  async read(log: string, offset = 0): Promise<Uint8Array> {
    return (this.logs.get(log)?.bytes ?? new Uint8Array()).slice(offset);
  }

  async sync(log: string): Promise<void> {
    const entry = this.entry(log);
    entry.synced = entry.bytes.length;
  }

  async truncate(log: string, length: number): Promise<void> {
    const entry = this.entry(log);
    entry.bytes = entry.bytes.slice(0, length);
    entry.synced = Math.min(entry.synced, length);
  }

  async replace(log: string, bytes: Uint8Array): Promise<void> {
    this.logs.set(log, { bytes: bytes.slice(), synced: bytes.length });
  }

  /** Simulates a crash: every log keeps its synced bytes plus at most `keepUnsynced` more. */
  crash(keepUnsynced = 0): void {
    for (const entry of this.logs.values()) {
      entry.bytes = entry.bytes.slice(0, Math.min(entry.bytes.length, entry.synced + keepUnsynced));
      entry.synced = entry.bytes.length;
    }
  }

  /** Overwrites the raw bytes of `log` (for corruption tests). */
  setBytes(log: string, bytes: Uint8Array): void {
    this.logs.set(log, { bytes: bytes.slice(), synced: bytes.length });
  }

  private entry(log: string): MemoryLog {
    let entry = this.logs.get(log);
    if (!entry) this.logs.set(log, (entry = { bytes: new Uint8Array(), synced: 0 }));
    return entry;
  }
}
