import path from 'node:path';
import type { ResolvedConfig } from '../../config/index.js';
import { createModelRuntime, type ModelRuntime } from '../../model/index.js';
import { createAgentExecutor } from './agentExecutor.js';
import { executeJob, type ExecutedJob } from './batchJob.js';
import { importLockKeys } from './importLockKeys.js';
import type { JobStore } from './JobStore.js';
import type { TriStorePort } from '../context/TriStorePort.js';
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
  /** The Tri-Store, for the agents' context. Default: none (the agent reads the files it is focused on). */
  tristore?: TriStorePort;
  /** Lock keys per item. Default: `importLockKeys` (own file + imported project files). */
  lockKeys?: RunJobOptions['lockKeys'];
  /** Use this runtime instead of creating one from the config (tests, embedding Krepis). */
  runtime?: ModelRuntime;
}

/** The executor with the job's isolation check, sized like the verification slots. */
function isolated(executor: ItemExecutor, spec: JobSpec): ItemExecutor {
  if (spec.isolation === false) return executor;
  return withIsolationCheck(executor, new IsolationPool(spec.isolation));
}

/** The store folder of a project: config `index.dir`, resolved against the root. */
export const storeDirOf = (config: ResolvedConfig): string => path.resolve(config.root, config.index.dir);

/**
 * Runs (or resumes) a job with real agents: ONE model runtime with `concurrency` parallel
 * sequences (batched decoding on one loaded model; with `model.runtime: openai`, the workers of
 * several machines share one GPU server), one agent task per item, graph-aware lock keys.
 */
export async function runBatch(store: JobStore, options: RunBatchOptions): Promise<ExecutedJob> {
  const { config } = options;
  const concurrency = options.concurrency ?? store.meta.spec.concurrency ?? config.batch.concurrency;
  const runtime = options.runtime ?? (await createModelRuntime(config, { sequences: concurrency, ...(options.replay ? { replay: options.replay } : {}), ...(options.record ? { record: options.record } : {}), ...(options.signal ? { signal: options.signal } : {}) }));
  const slots = new VerifySlots(options.verifySlots);
  try {
    return await executeJob(store, {
      storeDir: storeDirOf(config),
      executor: isolated(createAgentExecutor({ runtime, config, ...(options.tristore ? { tristore: options.tristore } : {}) }, store.meta.spec, slots), store.meta.spec),
      concurrency,
      lockKeys: options.lockKeys ?? importLockKeys(store.meta.workRoot),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
  } finally {
    if (!options.runtime) await runtime.dispose();
  }
}
