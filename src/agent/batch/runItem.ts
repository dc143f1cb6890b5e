import { existsSync } from 'node:fs';
import path from 'node:path';
import { BatchErrorCode, toItemError, type ItemError } from './errors.js';
import type { BatchItem, ItemExecutor, ItemOutcome } from './types.js';

/** The end of one run of an item: an outcome, or `interrupted` (Ctrl-C: the item goes back to pending). */
export type RunEnd = { kind: 'outcome'; outcome: ItemOutcome } | { kind: 'interrupted' };

const failed = (error: ItemError, timeMs: number): ItemOutcome => ({ status: 'failed', attempts: 0, stages: [], tokens: { prompt: 0, completion: 0 }, timeMs, error });

/**
 * Runs the executor on one item under a time limit. A hung executor is abandoned at the limit
 * (its signal aborted) and the item fails with `KREPIS_BATCH_ITEM_TIMEOUT`; a missing target or a
 * throw becomes a per-item error. Only the job's own abort interrupts.
 */
export async function runItem(item: BatchItem, executor: ItemExecutor, options: { root: string; timeoutMs: number; signal: AbortSignal }): Promise<RunEnd> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  if (!existsSync(path.resolve(options.root, item.target.file))) {
    return { kind: 'outcome', outcome: failed({ code: BatchErrorCode.targetMissing, message: `target ${item.target.file} no longer exists`, hint: 'The file was deleted or moved after the job was queued; queue a new job for its new place.' }, elapsed()) };
  }
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onJobAbort = (): void => undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), options.timeoutMs);
  });
  const jobAborted = new Promise<'aborted'>((resolve) => {
    onJobAbort = () => {
      controller.abort(options.signal.reason);
      resolve('aborted');
    };
    options.signal.addEventListener('abort', onJobAbort, { once: true });
  });
  try {
    if (options.signal.aborted) return { kind: 'interrupted' };
    const work = executor(item, { signal: controller.signal, root: options.root }).then(
      (outcome) => ({ outcome }),
      (error: unknown) => ({ error }),
    );
    const end = await Promise.race([work, timedOut, jobAborted]);
    if (end === 'aborted') return { kind: 'interrupted' };
    if (end === 'timeout') {
      controller.abort(new Error('item timed out'));
      return { kind: 'outcome', outcome: failed({ code: BatchErrorCode.itemTimeout, message: `item took longer than ${options.timeoutMs} ms`, hint: 'Raise `itemTimeoutMs` in the job file, or narrow the target.' }, elapsed()) };
    }
    if ('error' in end) return options.signal.aborted ? { kind: 'interrupted' } : { kind: 'outcome', outcome: failed(toItemError(end.error), elapsed()) };
    return { kind: 'outcome', outcome: end.outcome };
  } finally {
    clearTimeout(timer);
    options.signal.removeEventListener('abort', onJobAbort);
  }
}
