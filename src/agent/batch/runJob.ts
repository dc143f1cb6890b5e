import { diffStats } from './diffStats.js';
import { BatchErrorCode, toItemError } from './errors.js';
import type { JobStore } from './JobStore.js';
import { KeyLocks } from './KeyLocks.js';
import { runItem } from './runItem.js';
import type { BatchItem, ItemChange, ItemExecutor, ItemOutcome, ItemState } from './types.js';

/** Applies one verified change to the project; `conflicts` when the files moved on meanwhile. */
export type ChangeApplier = (item: BatchItem, change: ItemChange) => Promise<{ ok: true; commit?: string } | { ok: false; conflicts: string[] }>;

/** Live figures of a running job. */
export interface JobProgress {
  total: number;
  counts: Record<ItemState, number>;
  /** Tokens generated in this run (prompt + completion). */
  tokens: number;
  elapsedMs: number;
}

export interface RunJobOptions {
  executor: ItemExecutor;
  /** Items at once. */
  concurrency: number;
  itemTimeoutMs: number;
  /** Where the executor works and changes land. */
  root: string;
  signal?: AbortSignal;
  /** The keys an item must hold alone: its files, plus the files of symbols it depends on or that depend on it. Default: its file. */
  lockKeys?: (item: BatchItem) => Promise<readonly string[]>;
  /** Absent in `report` mode: verified is then final. */
  apply?: ChangeApplier;
  /** How often an item whose apply met a conflict is run again on the new content. Default 2. */
  conflictRetries?: number;
  onProgress?: (progress: JobProgress) => void;
}

export interface JobRunSummary extends JobProgress {
  /** Stopped by the signal before every item was final. */
  interrupted: boolean;
}

type Queued = { item: BatchItem; keys: readonly string[] };

/**
 * Runs a job's queue to the end: recovers from a crash first (`running` → `pending`; `verified`
 * but unapplied → applied, exactly once), then keeps `concurrency` items in flight, never two that
 * share a lock key. Store write failures (a full disk) stop the run; per-item failures do not.
 */
export async function runJob(store: JobStore, options: RunJobOptions): Promise<JobRunSummary> {
  const run = new JobRun(store, options);
  return run.start();
}

class JobRun {
  private readonly counts: Record<ItemState, number> = { pending: 0, running: 0, verified: 0, failed: 0, applied: 0 };
  private readonly locks = new KeyLocks();
  private readonly queue: BatchItem[] = [];
  private head = 0;
  private readonly deferred: Queued[] = [];
  private readonly inflight = new Set<Promise<void>>();
  private tokens = 0;
  private fatal: unknown;
  private readonly started = performance.now();
  private readonly signal: AbortSignal;

  constructor(
    private readonly store: JobStore,
    private readonly options: RunJobOptions,
  ) {
    this.signal = options.signal ?? new AbortController().signal;
  }

  async start(): Promise<JobRunSummary> {
    const toApply = await this.recover();
    for (const item of toApply) {
      if (this.signal.aborted) break;
      await this.applyVerified(item);
    }
    this.progress();
    while (!this.signal.aborted && this.fatal === undefined) {
      await this.fill();
      if (this.inflight.size === 0) break;
      await Promise.race(this.inflight);
    }
    await Promise.all(this.inflight);
    if (this.fatal !== undefined) throw this.fatal;
    const interrupted = this.counts.pending + this.counts.running > 0 || (this.options.apply !== undefined && this.counts.verified > 0);
    if (!interrupted) await this.store.updateMeta({ finishedAt: new Date().toISOString() });
    return { ...this.snapshot(), interrupted };
  }

  private async recover(): Promise<BatchItem[]> {
    const toApply: BatchItem[] = [];
    for await (const item of this.store.items()) {
      const current: BatchItem = item.state === 'running' ? { ...item, state: 'pending' } : item;
      if (current !== item) await this.store.save(current);
      this.counts[current.state] += 1;
      if (current.state === 'pending') this.queue.push(current);
      else if (current.state === 'verified' && this.options.apply) toApply.push(current);
    }
    return toApply;
  }

  private async next(): Promise<Queued | undefined> {
    const index = this.deferred.findIndex((entry) => this.locks.tryAcquire(entry.keys));
    if (index >= 0) return this.deferred.splice(index, 1)[0];
    const limit = Math.max(64, this.options.concurrency * 64);
    while (this.head < this.queue.length && this.deferred.length < limit) {
      const item = this.queue[this.head]!;
      this.queue[this.head++] = undefined as unknown as BatchItem; // let finished items be collected
      const keys = this.options.lockKeys ? await this.options.lockKeys(item) : [item.target.file];
      if (this.locks.tryAcquire(keys)) return { item, keys };
      this.deferred.push({ item, keys });
    }
    return undefined;
  }

  private async fill(): Promise<void> {
    while (this.inflight.size < this.options.concurrency && !this.signal.aborted && this.fatal === undefined) {
      const entry = await this.next();
      if (!entry) return;
      const task = this.process(entry).catch((error: unknown) => {
        this.fatal ??= error;
      });
      const tracked = task.finally(() => this.inflight.delete(tracked));
      this.inflight.add(tracked);
    }
  }

  private async process({ item, keys }: Queued): Promise<void> {
    try {
      const running = await this.transition(item, { state: 'running', runs: item.runs + 1 });
      const end = await runItem(running, this.options.executor, { root: this.options.root, timeoutMs: this.options.itemTimeoutMs, signal: this.signal });
      if (end.kind === 'interrupted') await this.transition(running, { state: 'pending' });
      else await this.record(running, end.outcome);
    } finally {
      this.locks.release(keys);
    }
  }

  private async record(item: BatchItem, outcome: ItemOutcome): Promise<void> {
    this.tokens += outcome.tokens.prompt + outcome.tokens.completion;
    const base = { attempts: outcome.attempts, stages: outcome.stages, tokens: outcome.tokens, timeMs: outcome.timeMs };
    if (outcome.status === 'failed') {
      await this.transition(item, { ...base, state: 'failed', error: outcome.error ?? { code: 'KREPIS_BATCH_NOT_VERIFIED', message: 'no attempt passed verification' } });
      return;
    }
    const stats = outcome.change ? diffStats(outcome.change) : { files: 0, additions: 0, deletions: 0 };
    const verified = await this.transition(item, { ...base, state: 'verified', diffStats: stats, error: undefined }, outcome.change);
    if (this.options.apply) await this.applyVerified(verified, outcome.change);
  }

  private async applyVerified(item: BatchItem, known?: ItemChange): Promise<void> {
    const change = known ?? (await this.store.change(item.id));
    if (!this.options.apply) return;
    if (!change || change.files.length === 0) {
      await this.transition(item, { state: 'applied' });
      return;
    }
    let result: Awaited<ReturnType<ChangeApplier>>;
    try {
      result = await this.options.apply(item, change);
    } catch (error) {
      await this.transition(item, { state: 'failed', error: toItemError(error) });
      return;
    }
    if (result.ok) {
      await this.transition(item, { state: 'applied', ...(result.commit ? { commit: result.commit } : {}) });
    } else if (item.runs <= (this.options.conflictRetries ?? 2)) {
      this.queue.push(await this.transition(item, { state: 'pending' }));
    } else {
      const message = `files changed since the item ran: ${result.conflicts.join(', ')}`;
      await this.transition(item, { state: 'failed', error: { code: BatchErrorCode.applyConflict, message, hint: 'Another edit touched these files; rerun the item in a new job.' } });
    }
  }

  /** Records the item's next state (one atomic write) and returns the new record. */
  private async transition(item: BatchItem, patch: Partial<BatchItem>, change?: ItemChange): Promise<BatchItem> {
    const next: BatchItem = { ...item, ...patch };
    if (next.error === undefined) delete next.error;
    await this.store.save(next, change);
    this.counts[item.state] -= 1;
    this.counts[next.state] += 1;
    this.progress();
    return next;
  }

  private snapshot(): JobProgress {
    return { total: this.store.meta.total, counts: { ...this.counts }, tokens: this.tokens, elapsedMs: Math.round(performance.now() - this.started) };
  }

  private progress(): void {
    this.options.onProgress?.(this.snapshot());
  }
}
