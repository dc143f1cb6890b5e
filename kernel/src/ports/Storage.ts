/** Identifies a tenant. Every storage key and journal record belongs to exactly one tenant. */
export type TenantId = string;

/** A stored value with its version; versions start at 1 and grow by one on every write. */
export interface StoredValue {
  readonly value: Uint8Array;
  readonly version: number;
}

/**
 * A write condition: `ifVersion: 0` means "only if the key does not exist", `n > 0` means "only
 * if the current version is exactly n". Omitted: unconditional.
 */
export interface WriteCondition {
  readonly ifVersion?: number;
}

/** One operation inside an atomic {@link Storage.batch}. */
export type StorageOp =
  | { readonly type: 'put'; readonly key: string; readonly value: Uint8Array; readonly ifVersion?: number }
  | { readonly type: 'delete'; readonly key: string; readonly ifVersion?: number };

/** Outcome of a conditional write: a failed condition is a value, not an exception. */
export type WriteResult =
  | { readonly ok: true; readonly version: number }
  | { readonly ok: false; readonly reason: 'conflict'; readonly key: string; readonly currentVersion: number };

/** One entry returned by {@link Storage.list}, in ascending key order. */
export interface StorageEntry extends StoredValue {
  readonly key: string;
}

/** Options for {@link Storage.list}. */
export interface ListOptions {
  /** Only keys starting with this prefix. Default: all keys. */
  readonly prefix?: string;
  /** Only keys strictly greater than this one (for paging). Default: from the first key. */
  readonly after?: string;
  /** At most this many entries. Default: no limit. */
  readonly limit?: number;
}

/**
 * Tenant-scoped key-value storage with versions for compare-and-set and atomic batches.
 * Every call names its tenant; an adapter must never return one tenant's key to another
 * (the kernel suite checks this under arbitrary operation sequences).
 *
 * @example
 * ```ts
 * const encode = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
 * const created = await storage.put('acme', 'users/42', encode({ name: 'Ada' }), { ifVersion: 0 });
 * if (!created.ok) throw new Error('user 42 already exists');
 * const current = await storage.get('acme', 'users/42'); // { value, version: 1 }
 * await storage.batch('acme', [
 *   { type: 'put', key: 'users/42', value: encode({ name: 'Ada L.' }), ifVersion: current?.version },
 *   { type: 'delete', key: 'invites/42' },
 * ]);
 * const users = await storage.list('acme', { prefix: 'users/' });
 * ```
 */
export interface Storage {
  /** The value and version under `key`, or `undefined` when absent. */
  get(tenant: TenantId, key: string): Promise<StoredValue | undefined>;
  /** Writes `value` (durably once the promise resolves), honouring `condition`. */
  put(tenant: TenantId, key: string, value: Uint8Array, condition?: WriteCondition): Promise<WriteResult>;
  /** Removes `key`; a missing key succeeds with version 0 unless a condition says otherwise. */
  delete(tenant: TenantId, key: string, condition?: WriteCondition): Promise<WriteResult>;
  /** Entries of one tenant in ascending key order. */
  list(tenant: TenantId, options?: ListOptions): Promise<StorageEntry[]>;
  /**
   * Applies all operations atomically: either every condition holds and every operation is
   * applied, or nothing is and the first failed condition is returned.
   */
  batch(tenant: TenantId, ops: readonly StorageOp[]): Promise<WriteResult>;
}
