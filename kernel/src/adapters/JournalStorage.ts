import { Journal } from '../journal/index.js';
import type { JournalStore, ListOptions, Storage, StorageEntry, StorageOp, StoredValue, TenantId, WriteCondition, WriteResult } from '../ports/index.js';
import { assertValidTenant } from './assertValidTenant.js';
import { applyOps, firstConflict, listEntries, singleOp } from './MemoryStorage.js';

type EncodedOp = { t: 'p'; k: string; v: string; c?: number } | { t: 'd'; k: string; c?: number };

interface TenantSpace {
  readonly journal: Journal;
  readonly entries: Map<string, StoredValue>;
  sinceSnapshot: number;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Options for {@link JournalStorage}. */
export interface JournalStorageOptions {
  /** Records after which a tenant's journal is snapshotted and compacted. Default 10,000. */
  readonly compactEvery?: number;
}

/**
 * Durable {@link Storage} over a {@link JournalStore}: each tenant's data lives in memory and in
 * its own journal (`tenants/<tenant>/storage`); every write is one journal record (a batch is one
 * record, hence atomic) and resolves once fsynced. Reopening replays snapshot + journal.
 * With `FileJournalStore` this is the production file storage; with the twin's store it is simulated.
 *
 * @example
 * ```ts
 * const storage = new JournalStorage(new FileJournalStore('./data'));
 * await storage.put('acme', 'settings', new TextEncoder().encode('{"plan":"pro"}'));
 * ```
 */
export class JournalStorage implements Storage {
  private readonly spaces = new Map<TenantId, Promise<TenantSpace>>();
  private readonly compactEvery: number;

  constructor(
    private readonly store: JournalStore,
    options: JournalStorageOptions = {},
  ) {
    this.compactEvery = options.compactEvery ?? 10_000;
  }

  async get(tenant: TenantId, key: string): Promise<StoredValue | undefined> {
    const stored = (await this.space(tenant)).entries.get(key);
    return stored && { value: stored.value.slice(), version: stored.version };
  }

  put(tenant: TenantId, key: string, value: Uint8Array, condition?: WriteCondition): Promise<WriteResult> {
    return this.batch(tenant, [singleOp('put', key, value, condition)]);
  }

  delete(tenant: TenantId, key: string, condition?: WriteCondition): Promise<WriteResult> {
    return this.batch(tenant, [singleOp('delete', key, undefined, condition)]);
  }

  async list(tenant: TenantId, options?: ListOptions): Promise<StorageEntry[]> {
    return listEntries((await this.space(tenant)).entries, options);
  }

  /** Checks and applies in memory at once (so compare-and-set is linearizable), then waits for the fsync. */
  async batch(tenant: TenantId, ops: readonly StorageOp[]): Promise<WriteResult> {
    const space = await this.space(tenant);
    const conflict = firstConflict(space.entries, ops);
    if (conflict) return conflict;
    const version = applyOps(space.entries, ops);
    const record = ops.map((op): EncodedOp => (op.type === 'put' ? { t: 'p', k: op.key, v: Buffer.from(op.value).toString('base64') } : { t: 'd', k: op.key }));
    await space.journal.append(tenant, encoder.encode(JSON.stringify(record)));
    if (++space.sinceSnapshot >= this.compactEvery) await this.compact(space);
    return { ok: true, version };
  }

  private space(tenant: TenantId): Promise<TenantSpace> {
    let space = this.spaces.get(tenant);
    if (!space) {
      assertValidTenant(tenant);
      space = this.load(tenant);
      this.spaces.set(tenant, space);
      space.catch(() => this.spaces.delete(tenant));
    }
    return space;
  }

  private async load(tenant: TenantId): Promise<TenantSpace> {
    const journal = await Journal.open(this.store, `tenants/${tenant}/storage`);
    const entries = new Map<string, StoredValue>();
    const snapshot = await journal.loadSnapshot();
    if (snapshot) {
      for (const [key, version, value] of JSON.parse(decoder.decode(snapshot.state)) as [string, number, string][]) {
        entries.set(key, { value: new Uint8Array(Buffer.from(value, 'base64')), version });
      }
    }
    const replayed = await journal.replay((record) => {
      const ops = (JSON.parse(decoder.decode(record.payload)) as EncodedOp[]).map((op): StorageOp => (op.t === 'p' ? { type: 'put', key: op.k, value: new Uint8Array(Buffer.from(op.v, 'base64')) } : { type: 'delete', key: op.k }));
      applyOps(entries, ops);
    });
    return { journal, entries, sinceSnapshot: replayed };
  }

  private async compact(space: TenantSpace): Promise<void> {
    space.sinceSnapshot = 0;
    const seq = space.journal.lastSeq;
    const state = [...space.entries].map(([key, stored]) => [key, stored.version, Buffer.from(stored.value).toString('base64')]);
    await space.journal.snapshot(encoder.encode(JSON.stringify(state)), seq);
  }
}
