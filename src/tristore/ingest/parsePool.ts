import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParsedFile } from './facts.js';
import { parseFile } from './parseFile.js';

export interface ParseRequest {
  path: string;
  text: string;
}

export type ParseReply = { ok: true; parsed: ParsedFile } | { ok: false; message: string };

/** Below this many files a worker's start-up (loading tree-sitter again) costs more than it saves. */
export const WORKER_MIN_FILES = 64;
/**
 * Cores a machine needs for the worker to pay. Measured on 2 cores: a cold `krepis index` of the
 * bench corpus took a median 3,986 ms with the worker against 4,318 ms without (ten paired
 * runs), but the 5,000-file project peaked at 1.5–1.7 GB RSS with it against 1.03–1.06 GB
 * without, and was no faster (the second core already runs the graph engine and V8's collector
 * and compiler). So 2-core machines parse inline.
 */
export const WORKER_MIN_CORES = 4;
const BATCH = 16;
/** Batches posted ahead of the one being consumed: enough to keep the worker busy, few enough to bound the copied sources. */
const IN_FLIGHT = 4;

/**
 * Parses files in order. With at least {@link WORKER_MIN_FILES} files, on a machine with cores to
 * spare, they are parsed on a worker thread, batches ahead of the caller, so tree-sitter runs on the second core while the caller
 * writes the stores; fewer are parsed inline. Should the worker fail to start or die, the files
 * it had not answered are parsed inline: the results are the same either way.
 *
 * @example
 * ```ts
 * const parser = new ParsePool().parse(files);
 * try {
 *   for (const file of files) handle(file, await parser.next());
 * } finally {
 *   await parser.close();
 * }
 * ```
 */
export class ParsePool {
  private readonly replies: ParseReply[][] = [];
  private readonly waiting: ((batch: ParseReply[] | undefined) => void)[] = [];
  private worker: Worker | undefined;
  private readonly stop = new Int32Array(new SharedArrayBuffer(4));
  private current: ParseReply[] = [];
  private posted = 0;
  /** Files whose facts came from the worker. */
  parsedOnWorker = 0;
  private consumed = 0;

  private files: readonly ParseRequest[] = [];

  /** `useWorker`: parse many files on a worker thread. Default: when the machine has {@link WORKER_MIN_CORES} cores. */
  constructor(private readonly useWorker = availableParallelism() >= WORKER_MIN_CORES) {}

  /** Starts the worker ahead of {@link ParsePool.parse} (it loads tree-sitter while the caller reads files). */
  warm(): this {
    if (this.useWorker) this.worker ??= startWorker(this, this.stop);
    return this;
  }

  /** Sets the files {@link ParsePool.next} returns, in order; a worker is used for enough of them. */
  parse(files: readonly ParseRequest[]): this {
    this.files = files;
    if (files.length < WORKER_MIN_FILES) void this.close();
    else this.warm();
    for (let batch = 0; batch < IN_FLIGHT; batch++) this.post();
    return this;
  }

  /** The next file's facts (files come back in the order given); throws what `parseFile` threw. */
  async next(): Promise<ParsedFile> {
    const index = this.consumed++;
    if (this.current.length === 0) this.current = (await this.nextBatch()) ?? [];
    const reply = this.current.shift();
    if (!reply) return parseFile(this.files[index]!.path, this.files[index]!.text);
    if (!reply.ok) throw new Error(reply.message);
    return reply.parsed;
  }

  /**
   * Stops the worker (after the last file, on abort or on failure) and waits for it to exit: it
   * finishes the file it is parsing, never more.
   */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (!worker) return;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    Atomics.store(this.stop, 0, 1);
    worker.postMessage(null);
    await exited;
  }

  private post(): void {
    const start = this.posted * BATCH;
    if (!this.worker || start >= this.files.length) return;
    this.worker.postMessage(this.files.slice(start, start + BATCH));
    this.posted++;
  }

  /** The next batch of replies; taking one posts another, so at most {@link IN_FLIGHT} batches are parsed ahead of the caller. */
  private nextBatch(): Promise<ParseReply[] | undefined> {
    this.post();
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    if (!this.worker) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** @internal called by the worker's listeners. */
  received(batch: ParseReply[]): void {
    this.parsedOnWorker += batch.length;
    const waiter = this.waiting.shift();
    if (waiter) waiter(batch);
    else this.replies.push(batch);
  }

  /** @internal the worker is gone: whoever waits parses inline from here on. */
  lost(): void {
    this.worker = undefined;
    for (const waiter of this.waiting.splice(0)) waiter(undefined);
  }
}

/** The worker runs this module's sibling: compiled `.js`, or `.ts` through jiti under the test runner. */
function startWorker(pool: ParsePool, stop: Int32Array): Worker | undefined {
  const source = import.meta.url.endsWith('.ts');
  try {
    const worker = new Worker(new URL(source ? './parseWorker.ts' : './parseWorker.js', import.meta.url), { workerData: { stop }, ...(source ? { execArgv: ['--import', 'jiti/register'] } : {}) });
    worker.on('message', (batch: ParseReply[]) => pool.received(batch));
    worker.on('error', () => pool.lost());
    worker.on('exit', () => pool.lost());
    return worker;
  } catch {
    return undefined;
  }
}
