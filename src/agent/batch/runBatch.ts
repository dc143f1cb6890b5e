import path from 'node:path';
import type { ResolvedConfig } from '../../config/index.js';
import { createModelRuntime, type ModelRuntime } from '../../model/index.js';
import type { TriStore } from '../../tristore/index.js';
import { createAgentExecutor } from './agentExecutor.js';
import { executeJob, type ExecutedJob } from './batchJob.js';
import { graphLockKeys } from './graphLockKeys.js';
import { importLockKeys } from './importLockKeys.js';
import { openIndex } from './openIndex.js';
import type { JobStore } from './JobStore.js';
import type { JobProgress, RunJobOptions } from './runJob.js';
import { VerifySlots } from './VerifySlots.js';
import { IsolationPool } from './isolation/IsolationPool.js';
import { withIsolationCheck } from './isolation/isolationCheck.js';
import type { JobSpec } from './jobSpec.js';
import type { ItemExecutor } from './types.js';

export interface RunBatchOptions {
  config: ResolvedConfig;
  /** Agents at once; also the model's parallel sequences. Default: the job's, else `batch.concurrency`. */
  concurrency?: number;
  signal?: AbortSignal;
  onProgress?: (progress: JobProgress) => void;
  /** Play answers from this transcript instead of running the model (`--replay`). */
  replay?: string;
  /** Append every answer to this transcript (`--record`). */
  record?: string;
  /** Agents verifying at once. Default: the machine's cores, bounded by free memory. */
  verifySlots?: number;
  /** Open the Tri-Store (brought up to date) for the agents' context and graph-aware lock keys. Default true. */
  index?: boolean;
  /** Notes for the user (e.g. why the Tri-Store is not used). */
  onNote?: (text: string) => void;
  /** Lock keys per item. Default: `graphLockKeys` on the Tri-Store, else `importLockKeys` (own file + imported files). */
  lockKeys?: RunJobOptions['lockKeys'];
  /** Use this runtime instead of creating one from the config (tests, embedding Krepis). */
  runtime?: ModelRuntime;
}

/** The executor with the job's isolation check (isolates at once: cores, bounded by free memory). */
function isolated(executor: ItemExecutor, spec: JobSpec): ItemExecutor {
  if (spec.isolation === false) return executor;
  return withIsolationCheck(executor, new IsolationPool(spec.isolation));
}

/** The store folder of a project: config `index.dir`, resolved against the root. */
export const storeDirOf = (config: ResolvedConfig): string => path.resolve(config.root, config.index.dir);

/**
 * Runs (or resumes) a job with real agents: ONE model runtime with `concurrency` parallel
 * sequences (batched decoding on one loaded model; with `model.runtime: openai`, the workers of
 * several machines share one GPU server), one agent task per item, graph-aware lock keys from the
 * Tri-Store's code graph (else from imports).
 */
export async function runBatch(store: JobStore, options: RunBatchOptions): Promise<ExecutedJob> {
  const { config } = options;
  const concurrency = options.concurrency ?? store.meta.spec.concurrency ?? config.batch.concurrency;
  const runtime = options.runtime ?? (await createModelRuntime(config, { sequences: concurrency, ...(options.replay ? { replay: options.replay } : {}), ...(options.record ? { record: options.record } : {}), ...(options.signal ? { signal: options.signal } : {}) }));
  const slots = new VerifySlots(options.verifySlots);
  const imports = importLockKeys(store.meta.workRoot);
  let tristore: TriStore | undefined;
  try {
    if (options.index !== false) tristore = await openIndex(config, runtime, { ...(options.signal ? { signal: options.signal } : {}), ...(options.onNote ? { onNote: options.onNote } : {}) });
    return await executeJob(store, {
      storeDir: storeDirOf(config),
      executor: isolated(createAgentExecutor({ runtime, config, ...(tristore ? { tristore } : {}) }, store.meta.spec, slots), store.meta.spec),
      concurrency,
      lockKeys: options.lockKeys ?? (tristore ? graphLockKeys(tristore, imports) : imports),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    await tristore?.close();
    if (!options.runtime) await runtime.dispose();
  }
}
