import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import { BatchError, BatchErrorCode, isDiskFull } from './errors.js';
import type { JobSpec } from './jobSpec.js';
import type { BatchItem, BatchTarget, ItemChange, ItemState } from './types.js';

/** What the store knows about a job as a whole. */
export interface JobMeta {
  id: string;
  spec: JobSpec;
  /** The project root the job was started in. */
  root: string;
  /** Where agents work and changes land (the root, or the job's worktree in `branch` mode). */
  workRoot: string;
  total: number;
  createdAt: string;
  finishedAt?: string;
}

type Value = JobMeta | BatchItem | ItemChange;
type Op = { type: 'put'; key: string; value: Value } | { type: 'del'; key: string };

const itemKey = (id: string): string => `item!${id}`;
const changeKey = (id: string): string => `change!${id}`;
/** Zero-padded so that LevelDB's key order is the queue order. */
export const itemId = (index: number): string => String(index + 1).padStart(7, '0');

/** The folder of job `id` under the store folder. */
export const jobDir = (storeDir: string, id: string): string => path.join(storeDir, 'jobs', id);

/**
 * A job's queue, persisted in LevelDB: one record per item, every state change one atomic batch.
 * LevelDB's write-ahead log reaches the OS before a write resolves, so a `kill -9` loses nothing
 * that was acknowledged (`durable: true` also fsyncs, for power loss).
 */
export class JobStore implements AsyncDisposable {
  private constructor(
    private readonly db: ClassicLevel<string, Value>,
    private current: JobMeta,
    private readonly durable: boolean,
  ) {}

  /** Creates the queue of a new job with one pending item per target. */
  static async create(dir: string, meta: Omit<JobMeta, 'total'>, targets: readonly BatchTarget[], options: { durable?: boolean } = {}): Promise<JobStore> {
    if (existsSync(dir)) throw new BatchError(BatchErrorCode.jobExists, `Job ${meta.id} already exists at ${dir}`, { kind: 'usage', hint: `Resume it with \`krepis batch resume ${meta.id}\`, or pick another id.` });
    await mkdir(path.dirname(dir), { recursive: true });
    const db = await openDb(dir, meta.id);
    const full: JobMeta = { ...meta, total: targets.length };
    const store = new JobStore(db, full, options.durable ?? false);
    const chunk = 2000;
    for (let start = 0; start < targets.length; start += chunk) {
      const ops: Op[] = targets.slice(start, start + chunk).map((target, offset) => ({ type: 'put', key: itemKey(itemId(start + offset)), value: newItem(itemId(start + offset), target) }));
      await store.write(ops);
    }
    // The meta record goes last: a job without it was never fully created and is not resumable.
    await store.write([{ type: 'put', key: 'meta', value: full }]);
    return store;
  }

  /** Opens an existing job. */
  static async open(dir: string, id: string, options: { durable?: boolean } = {}): Promise<JobStore> {
    if (!existsSync(path.join(dir, 'CURRENT'))) throw notFound(id);
    const db = await openDb(dir, id);
    const meta = (await db.get('meta')) as JobMeta | undefined;
    if (!meta) {
      await db.close();
      throw new BatchError(BatchErrorCode.jobNotFound, `Job ${id} was never fully created (interrupted while queueing)`, { kind: 'usage', hint: 'Start the job again with `krepis batch <job-file>`.' });
    }
    return new JobStore(db, meta, options.durable ?? false);
  }

  get meta(): JobMeta {
    return this.current;
  }

  /** Every item, in queue order, streamed (the store never holds them all in memory). */
  async *items(): AsyncGenerator<BatchItem> {
    for await (const value of this.db.values({ gt: 'item!', lt: 'item"' })) yield value as BatchItem;
  }

  async item(id: string): Promise<BatchItem | undefined> {
    return (await this.db.get(itemKey(id))) as BatchItem | undefined;
  }

  async change(id: string): Promise<ItemChange | undefined> {
    return (await this.db.get(changeKey(id))) as ItemChange | undefined;
  }

  /** Writes the item's new record (and its change, if any) in one atomic batch. */
  async save(item: BatchItem, change?: ItemChange): Promise<void> {
    const ops: Op[] = [{ type: 'put', key: itemKey(item.id), value: item }];
    if (change) ops.push({ type: 'put', key: changeKey(item.id), value: change });
    await this.write(ops);
  }

  async updateMeta(patch: Partial<JobMeta>): Promise<void> {
    const next = { ...this.current, ...patch };
    await this.write([{ type: 'put', key: 'meta', value: next }]);
    this.current = next;
  }

  /** How many items are in each state. */
  async counts(): Promise<Record<ItemState, number>> {
    const counts: Record<ItemState, number> = { pending: 0, running: 0, verified: 0, failed: 0, applied: 0 };
    for await (const item of this.items()) counts[item.state] += 1;
    return counts;
  }

  async close(): Promise<void> {
    if (this.db.status === 'open') await this.db.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  private async write(ops: Op[]): Promise<void> {
    try {
      await this.db.batch(ops, { sync: this.durable });
    } catch (cause) {
      if (isDiskFull(cause)) throw new BatchError(BatchErrorCode.diskFull, `Disk full: cannot record job state (${(cause as Error).message})`, { hint: 'Free disk space, then `krepis batch resume <id>`: nothing recorded so far is lost.', cause });
      throw cause;
    }
  }
}

function newItem(id: string, target: BatchTarget): BatchItem {
  return { id, target, state: 'pending', runs: 0, attempts: 0, stages: [], tokens: { prompt: 0, completion: 0 }, timeMs: 0 };
}

const notFound = (id: string): BatchError =>
  new BatchError(BatchErrorCode.jobNotFound, `No job ${id}`, { kind: 'usage', hint: 'List jobs with `krepis batch status`; ids are the folder names under .krepis/jobs/.' });

async function openDb(dir: string, id: string): Promise<ClassicLevel<string, Value>> {
  const db = new ClassicLevel<string, Value>(dir, { valueEncoding: 'json' });
  try {
    await db.open();
  } catch (cause) {
    if (/lock/i.test(String((cause as Error).cause ?? cause))) {
      throw new BatchError(BatchErrorCode.jobLocked, `Job ${id} is being run by another process`, { kind: 'usage', hint: 'Wait for it to finish, or stop it, then resume.', cause });
    }
    if (isDiskFull(cause)) throw new BatchError(BatchErrorCode.diskFull, `Disk full: cannot open job ${id}`, { hint: 'Free disk space and try again.', cause });
    throw cause;
  }
  return db;
}
