/**
 * Durable append-only byte logs, the medium under the kernel's `Journal` (which adds record
 * framing, sequence numbers, CRC32, replay, snapshots and torn-write recovery on top).
 * Bytes appended are durable only after {@link JournalStore.sync}; a crash may keep any prefix
 * of the unsynced bytes, which is exactly what the twin simulates.
 *
 * Log names are plain strings such as `"tenants/acme/orders"`; they never contain `..`.
 *
 * @example
 * ```ts
 * await store.append('orders', new TextEncoder().encode('first'));
 * await store.append('orders', new TextEncoder().encode('second'));
 * await store.sync('orders'); // one fsync for both appends (group commit)
 * const bytes = await store.read('orders'); // everything written so far
 * await store.truncate('orders', 5); // drop a torn tail found on recovery
 * await store.replace('orders.snapshot', snapshotBytes); // atomic whole-file replacement
 * ```
 */
export interface JournalStore {
  /** Appends `bytes` to the end of `log` (creating it) and resolves with the offset they start at. */
  append(log: string, bytes: Uint8Array): Promise<number>;
  /** The bytes of `log` from `offset` (default 0) to its end; empty when the log does not exist. */
  read(log: string, offset?: number): Promise<Uint8Array>;
  /** Makes every byte appended to `log` so far durable (one fsync). */
  sync(log: string): Promise<void>;
  /** Cuts `log` to `length` bytes, durably. */
  truncate(log: string, length: number): Promise<void>;
  /** Atomically and durably replaces the whole content of `log` (write-then-rename). */
  replace(log: string, bytes: Uint8Array): Promise<void>;
}
