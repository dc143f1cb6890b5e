/**
 * The parse worker: runs {@link parseFile} for batches of files posted by `ParsePool` and posts
 * each batch's results back in order, so parsing runs beside the store writes on another core.
 * It stops between two files once the pool raises the shared stop flag, and exits on `null`:
 * terminating it mid-parse would abort the whole process from inside tree-sitter's binding.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { parseFile } from './parseFile.js';
import type { ParseReply, ParseRequest } from './parsePool.js';

const stop = (workerData as { stop: Int32Array }).stop;

parentPort?.on('message', (batch: ParseRequest[] | null) => {
  if (batch === null) return parentPort?.close();
  const replies: ParseReply[] = [];
  for (const { path, text } of batch) {
    if (Atomics.load(stop, 0) !== 0) return;
    try {
      replies.push({ ok: true, parsed: parseFile(path, text) });
    } catch (error) {
      replies.push({ ok: false, message: (error as Error).message });
    }
  }
  parentPort?.postMessage(replies);
});
