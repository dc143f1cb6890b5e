import { KernelError } from '../errors/index.js';
import type { JournalStore, TenantId } from '../ports/index.js';
import { decodeRecords, encodeRecord, encodeRecordInto, frameLength, type JournalRecord } from './recordCodec.js';

/** What {@link Journal.open} found and repaired. */
export interface RecoveryReport {
  /** Sequence number of the snapshot loaded (0 when none). */
  readonly snapshotSeq: number;
  /** Valid records after the snapshot. */
  readonly records: number;
  /** Bytes of torn or corrupt tail cut off the log. */
  readonly truncatedBytes: number;
}

/** A snapshot: application state as of record `seq`. */
export interface Snapshot {
  readonly seq: number;
  readonly state: Uint8Array;
}

interface PendingAppend {
  readonly seq: number;
  readonly resolve: (seq: number) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * An append-only, tenant-scoped journal over a {@link JournalStore}: records carry sequence
 * numbers and CRC32, appends are group-committed (many appends, one fsync), `open` recovers from
 * torn writes by cutting the log back to its longest valid prefix, and `snapshot` compacts it.
 *
 * @example
 * ```ts
 * const journal = await Journal.open(ports.journal, 'orders');
 * const seq = await journal.append('acme', new TextEncoder().encode('{"order":1}')); // durable
 * await journal.replay((record) => apply(record), { tenant: 'acme' });
 * await journal.snapshot(serialize(state)); // older records are compacted away
 * ```
 */
export class Journal {
  private pendingRecords: JournalRecord[] = [];
  private pendingAppends: PendingAppend[] = [];
  private flushing: Promise<void> | undefined;
  private failure: unknown;
  /** Store mutations (commits, compactions) run one after another through this chain. */
  private exclusive: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: JournalStore,
    readonly log: string,
    private seq: number,
    private snapshotSeq: number,
    readonly recovery: RecoveryReport,
  ) {}

  /** Opens (or creates) the journal `log`, loading its snapshot and repairing a torn tail. */
  static async open(store: JournalStore, log: string): Promise<Journal> {
    const snapshot = await readSnapshot(store, log);
    const bytes = await store.read(log);
    const decoded = decodeRecords(bytes);
    const first = decoded.records[0];
    if (first && first.seq > snapshot.seq + 1) {
      throw new KernelError('KREPIS_KERNEL_JOURNAL_GAP', `journal ${log} starts at record ${first.seq} but its snapshot ends at ${snapshot.seq}`, 500, { hint: 'restore the snapshot file that belongs to this log' });
    }
    const truncatedBytes = bytes.length - decoded.validLength;
    if (truncatedBytes > 0) await store.truncate(log, decoded.validLength);
    const last = decoded.records.at(-1)?.seq ?? 0;
    const records = decoded.records.filter((record) => record.seq > snapshot.seq).length;
    return new Journal(store, log, Math.max(last, snapshot.seq), snapshot.seq, { snapshotSeq: snapshot.seq, records, truncatedBytes });
  }

  /** Sequence number of the last record appended (0 for an empty journal). */
  get lastSeq(): number {
    return this.seq;
  }

  /**
   * Appends a record for `tenant` and resolves with its sequence number once it is durable.
   * Appends issued while a commit is in flight share the next commit's single fsync. The
   * payload is encoded at commit time: do not modify it until the promise settles.
   */
  append(tenant: TenantId, payload: Uint8Array): Promise<number> {
    if (this.failure !== undefined) return Promise.reject(this.failed());
    const seq = ++this.seq;
    this.pendingRecords.push({ seq, tenant, payload });
    return new Promise((resolve, reject) => {
      this.pendingAppends.push({ seq, resolve, reject });
      this.flushing ??= this.flushLoop();
    });
  }

  /** Resolves once every append issued so far is durable. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.failure !== undefined) throw this.failed();
  }

  /** Calls `visit` for each durable record after the snapshot (or after `fromSeq`), in order. */
  async replay(visit: (record: JournalRecord) => void | Promise<void>, options: { tenant?: TenantId; fromSeq?: number } = {}): Promise<number> {
    await this.flush();
    const from = Math.max(options.fromSeq ?? 0, this.snapshotSeq);
    let visited = 0;
    for (const record of decodeRecords(await this.store.read(this.log)).records) {
      if (record.seq <= from || (options.tenant !== undefined && record.tenant !== options.tenant)) continue;
      await visit(record);
      visited++;
    }
    return visited;
  }

  /** The latest snapshot, if any. */
  async loadSnapshot(): Promise<Snapshot | undefined> {
    const snapshot = await readSnapshot(this.store, this.log);
    return snapshot.seq === 0 ? undefined : snapshot;
  }

  /**
   * Saves `state` as the state after record `seq` (default: the last record) and compacts the
   * log to the records after it. Both files are replaced atomically, snapshot first, so a crash
   * in between leaves a snapshot plus a log that still replays correctly.
   */
  async snapshot(state: Uint8Array, seq = this.seq): Promise<void> {
    await this.serially(async () => {
      await this.store.replace(snapshotLog(this.log), encodeRecord({ seq, tenant: '', payload: state }));
      this.snapshotSeq = seq;
      const kept = decodeRecords(await this.store.read(this.log)).records.filter((record) => record.seq > seq);
      await this.store.replace(this.log, concat(kept.map(encodeRecord)));
    });
  }

  private serially<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.exclusive.then(operation);
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pendingRecords.length > 0) {
        const records = this.pendingRecords;
        const appends = this.pendingAppends;
        this.pendingRecords = [];
        this.pendingAppends = [];
        try {
          await this.serially(async () => {
            await this.store.append(this.log, encodeBatch(records));
            await this.store.sync(this.log);
          });
        } catch (error) {
          this.failure = error;
          for (const append of [...appends, ...this.pendingAppends]) append.reject(this.failed());
          this.pendingRecords = [];
          this.pendingAppends = [];
          return;
        }
        for (const append of appends) append.resolve(append.seq);
      }
    } finally {
      this.flushing = undefined;
    }
  }

  private failed(): KernelError {
    return new KernelError('KREPIS_KERNEL_JOURNAL_FAILED', `journal ${this.log} failed to commit; reopen it to recover`, 503, { cause: this.failure });
  }
}

function snapshotLog(log: string): string {
  return `${log}.snapshot`;
}

async function readSnapshot(store: JournalStore, log: string): Promise<Snapshot> {
  const record = decodeRecords(await store.read(snapshotLog(log))).records[0];
  return record ? { seq: record.seq, state: record.payload } : { seq: 0, state: new Uint8Array() };
}

/** All records of one commit in one buffer (one allocation per batch, not per record). */
function encodeBatch(records: readonly JournalRecord[]): Uint8Array {
  let length = 0;
  for (const record of records) length += frameLength(record);
  const out = new Uint8Array(length);
  let offset = 0;
  for (const record of records) offset = encodeRecordInto(out, offset, record);
  return out;
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  let length = 0;
  for (const chunk of chunks) length += chunk.length;
  const out = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}
