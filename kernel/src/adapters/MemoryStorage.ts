import type { ListOptions, Storage, StorageEntry, StorageOp, StoredValue, TenantId, WriteCondition, WriteResult } from '../ports/index.js';

/** Checks `ops` against `entries`: the first failed condition, or `undefined` when all hold. */
export function firstConflict(entries: ReadonlyMap<string, StoredValue>, ops: readonly StorageOp[]): WriteResult | undefined {
  for (const op of ops) {
    if (op.ifVersion === undefined) continue;
    const currentVersion = entries.get(op.key)?.version ?? 0;
    if (currentVersion !== op.ifVersion) return { ok: false, reason: 'conflict', key: op.key, currentVersion };
  }
  return undefined;
}

/** Applies already-checked `ops` to `entries`; returns the version of the last one written. */
export function applyOps(entries: Map<string, StoredValue>, ops: readonly StorageOp[]): number {
  let version = 0;
  for (const op of ops) {
    if (op.type === 'put') {
      version = (entries.get(op.key)?.version ?? 0) + 1;
      entries.set(op.key, { value: op.value.slice(), version });
    } else {
      entries.delete(op.key);
      version = 0;
    }
  }
  return version;
}

/** Entries of a map in key order, filtered by `options`. */
export function listEntries(entries: ReadonlyMap<string, StoredValue>, options: ListOptions = {}): StorageEntry[] {
  const keys = [...entries.keys()].filter((key) => (options.prefix === undefined || key.startsWith(options.prefix)) && (options.after === undefined || key > options.after)).sort();
  const limited = options.limit === undefined ? keys : keys.slice(0, options.limit);
  return limited.map((key) => {
    const stored = entries.get(key)!;
    return { key, value: stored.value.slice(), version: stored.version };
  });
}

/** Turns a put/delete with a condition into a one-op batch. */
export function singleOp(type: 'put' | 'delete', key: string, value: Uint8Array | undefined, condition?: WriteCondition): StorageOp {
  return type === 'put' ? { type, key, value: value!, ifVersion: condition?.ifVersion } : { type, key, ifVersion: condition?.ifVersion };
}

/**
 * In-memory {@link Storage}: fast, not durable. For tests and single-process caches.
 *
 * @example
 * ```ts
 * const storage = new MemoryStorage();
 * await storage.put('acme', 'greeting', new TextEncoder().encode('hi'));
 * ```
 */
export class MemoryStorage implements Storage {
  private readonly tenants = new Map<TenantId, Map<string, StoredValue>>();

  async get(tenant: TenantId, key: string): Promise<StoredValue | undefined> {
    const stored = this.tenants.get(tenant)?.get(key);
    return stored && { value: stored.value.slice(), version: stored.version };
  }

  async put(tenant: TenantId, key: string, value: Uint8Array, condition?: WriteCondition): Promise<WriteResult> {
    return this.batch(tenant, [singleOp('put', key, value, condition)]);
  }

  async delete(tenant: TenantId, key: string, condition?: WriteCondition): Promise<WriteResult> {
    return this.batch(tenant, [singleOp('delete', key, undefined, condition)]);
  }

  async list(tenant: TenantId, options?: ListOptions): Promise<StorageEntry[]> {
    return listEntries(this.tenants.get(tenant) ?? new Map(), options);
  }

  async batch(tenant: TenantId, ops: readonly StorageOp[]): Promise<WriteResult> {
    let entries = this.tenants.get(tenant);
    if (!entries) this.tenants.set(tenant, (entries = new Map()));
    const conflict = firstConflict(entries, ops);
    if (conflict) return conflict;
    return { ok: true, version: applyOps(entries, ops) };
  }
}
