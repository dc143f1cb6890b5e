import { ConflictError, QuotaExceededError } from '../errors/index.js';
import type { ListOptions, Storage, StorageOp, TenantId, WriteCondition, WriteResult } from '../ports/index.js';
import { assertValidKey } from './keys.js';

/** One operation of {@link TenantStore.batch}. */
export type TenantBatchOp =
  | { readonly type: 'put'; readonly key: string; readonly value?: unknown; readonly bytes?: Uint8Array; readonly ifVersion?: number }
  | { readonly type: 'delete'; readonly key: string; readonly ifVersion?: number };

/** A JSON document read from a {@link TenantStore}. */
export interface Doc<T> {
  readonly key: string;
  readonly value: T;
  readonly version: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const RETRIES = 16;
const usageByStorage = new WeakMap<Storage, Map<TenantId, Promise<number>>>();

/**
 * One tenant's view of a {@link Storage}: JSON values, key validation, the storage quota, and
 * compare-and-set helpers. The tenant is fixed at construction, so code holding a TenantStore
 * cannot name another tenant's keys.
 *
 * @example
 * ```ts
 * const store = new TenantStore(ports.storage, 'acme', { storageBytes: 1_000_000 });
 * await store.put('todos/1', { title: 'write docs', done: false });
 * const todo = await store.get<{ title: string; done: boolean }>('todos/1');
 * await store.update<{ done: boolean }>('todos/1', (current) => ({ ...current!, done: true }));
 * const all = await store.list<{ title: string }>({ prefix: 'todos/' });
 * ```
 */
export class TenantStore {
  constructor(
    readonly storage: Storage,
    readonly tenant: TenantId,
    private readonly quota: { readonly storageBytes?: number } = {},
  ) {}

  /** The parsed JSON under `key`, or `undefined`. */
  async get<T>(key: string): Promise<Doc<T> | undefined> {
    assertValidKey(key);
    const stored = await this.storage.get(this.tenant, key);
    return stored && { key, value: JSON.parse(decoder.decode(stored.value)) as T, version: stored.version };
  }

  /** Stores `value` as JSON; a failed condition is returned, a full quota throws 507. */
  async put(key: string, value: unknown, condition?: WriteCondition): Promise<WriteResult> {
    return this.putBytes(key, encoder.encode(JSON.stringify(value)), condition);
  }

  /**
   * Stores raw bytes under `key`. Without a condition the write is still compare-and-set against
   * the version it read for quota accounting, retried on conflict, so it never races that read.
   */
  async putBytes(key: string, bytes: Uint8Array, condition?: WriteCondition): Promise<WriteResult> {
    assertValidKey(key);
    for (let attempt = 0; ; attempt++) {
      const previous = await this.storage.get(this.tenant, key);
      const delta = bytes.byteLength - (previous ? previous.value.byteLength : -key.length);
      await this.reserve(delta);
      const result = await this.storage.put(this.tenant, key, bytes, condition ?? { ifVersion: previous?.version ?? 0 });
      if (result.ok) return result;
      await this.reserve(-delta, true);
      if (condition || attempt >= RETRIES) return result;
    }
  }

  /** Raw bytes under `key`, or `undefined`. */
  async getBytes(key: string): Promise<Uint8Array | undefined> {
    assertValidKey(key);
    return (await this.storage.get(this.tenant, key))?.value;
  }

  /** Deletes `key`; true when it existed. Compare-and-set against the version it read, like {@link TenantStore.putBytes}. */
  async delete(key: string, condition?: WriteCondition): Promise<boolean> {
    assertValidKey(key);
    for (let attempt = 0; ; attempt++) {
      const previous = await this.storage.get(this.tenant, key);
      const result = await this.storage.delete(this.tenant, key, condition ?? { ifVersion: previous?.version ?? 0 });
      if (result.ok) {
        if (previous) await this.reserve(-(previous.value.byteLength + key.length), true);
        return previous !== undefined;
      }
      if (condition || attempt >= RETRIES) throw new ConflictError(`${key} changed meanwhile`);
    }
  }

  /** JSON documents in ascending key order. */
  async list<T>(options?: ListOptions): Promise<Doc<T>[]> {
    const entries = await this.storage.list(this.tenant, options);
    return entries.map((entry) => ({ key: entry.key, value: JSON.parse(decoder.decode(entry.value)) as T, version: entry.version }));
  }

  /**
   * Atomic multi-key write; keys are validated first. A put stores `bytes` as they are, or else
   * `value` as JSON.
   */
  async batch(ops: readonly TenantBatchOp[]): Promise<WriteResult> {
    const encoded: StorageOp[] = ops.map((op) => {
      assertValidKey(op.key);
      if (op.type === 'delete') return op;
      return { type: 'put', key: op.key, value: op.bytes ?? encoder.encode(JSON.stringify(op.value)), ifVersion: op.ifVersion };
    });
    usageByStorage.get(this.storage)?.delete(this.tenant); // recount lazily after a batch
    return this.storage.batch(this.tenant, encoded);
  }

  /**
   * Read-modify-write with compare-and-set, retried on conflict (default 8 attempts, then a
   * 409 {@link ConflictError}). `change` receives `undefined` when the key is absent.
   */
  async update<T>(key: string, change: (current: T | undefined) => T, attempts = 8): Promise<Doc<T>> {
    for (let attempt = 0; attempt < attempts; attempt++) {
      const current = await this.get<T>(key);
      const next = change(current?.value);
      const result = await this.put(key, next, { ifVersion: current?.version ?? 0 });
      if (result.ok) return { key, value: next, version: result.version };
    }
    throw new ConflictError(`${key} kept changing; gave up after ${attempts} attempts`);
  }

  /** Bytes (keys plus values) this tenant stores. */
  async usage(): Promise<number> {
    return this.usageCell();
  }

  private usageCell(): Promise<number> {
    let perTenant = usageByStorage.get(this.storage);
    if (!perTenant) usageByStorage.set(this.storage, (perTenant = new Map()));
    let usage = perTenant.get(this.tenant);
    if (!usage) {
      usage = this.storage.list(this.tenant).then((entries) => entries.reduce((sum, entry) => sum + entry.key.length + entry.value.byteLength, 0));
      perTenant.set(this.tenant, usage);
    }
    return usage;
  }

  private async reserve(delta: number, force = false): Promise<void> {
    const limit = this.quota.storageBytes;
    if (limit === undefined && !usageByStorage.get(this.storage)?.has(this.tenant)) return;
    const used = await this.usageCell();
    if (!force && limit !== undefined && delta > 0 && used + delta > limit) {
      throw new QuotaExceededError(`tenant ${this.tenant} would use ${used + delta} of ${limit} storage bytes`, { hint: 'delete data or raise quotas.storageBytes' });
    }
    usageByStorage.get(this.storage)?.set(this.tenant, Promise.resolve(used + delta));
  }
}
