/**
 * Child process for the kill -9 test and benchmark: runs (or resumes) job `<id>` with the append
 * executor and prints `progress <final items>` after every state change, until it is killed.
 * Usage: node --import jiti/register killableJob.ts <storeDir> <id> [delayMs]
 */
import { executeJob, openJob } from '../batchJob.js';
import { appendExecutor } from './appendExecutor.js';

const [storeDir, id, delay] = process.argv.slice(2);
if (!storeDir || !id) {
  console.error('usage: killableJob.ts <storeDir> <id> [delayMs]');
  process.exit(2);
}
const store = await openJob(storeDir, id);
let last = -1;
await executeJob(store, {
  storeDir,
  executor: appendExecutor({ delayMs: Number(delay ?? 2) }),
  onProgress: (progress) => {
    const final = progress.counts.applied + progress.counts.failed;
    if (final !== last) process.stdout.write(`progress ${final}\n`);
    last = final;
  },
});
await store.close();
process.stdout.write('finished\n');
