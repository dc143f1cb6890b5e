/**
 * Batch rewrite jobs: one verified agent task per target (file or symbol), from a resumable
 * LevelDB queue, many at once on one shared model runtime, with graph-aware serialization,
 * idempotent apply modes, isolation for executed code, and JSON / Markdown reports.
 */
export { createJob, executeJob, openJob, listJobs, newJobId, jobFolder, type CreateJobOptions, type ExecuteJobOptions, type ExecutedJob } from './batchJob.js';
export { loadJobSpec, parseJobSpec, jobSpecSchema, type JobSpec, type JobSpecInput, type SymbolQuery } from './jobSpec.js';
export { JobStore, type JobMeta } from './JobStore.js';
export { runJob, type JobProgress, type JobRunSummary, type RunJobOptions, type ChangeApplier } from './runJob.js';
export { resolveTargets, listSymbols } from './resolveTargets.js';
export { importLockKeys } from './importLockKeys.js';
export { createAgentExecutor, itemPrompt, itemTask, toOutcome } from './agentExecutor.js';
export { VerifySlots } from './VerifySlots.js';
export { createApplier } from './applyModes.js';
export { writeChange, type WriteResult } from './writeChange.js';
export { buildReport, renderMarkdown, type JobReport, type ItemReport } from './report.js';
export { createProgressBar, doneCount } from './progressBar.js';
export { IsolationPool, defaultPoolSize, type IsolationLimits, type IsolatedResult, type IsolatedRun } from './isolation/IsolationPool.js';
export { BatchError, BatchErrorCode, type ItemError } from './errors.js';
export type { ApplyMode, BatchItem, BatchTarget, ChangedFile, DiffStats, ItemChange, ItemContext, ItemExecutor, ItemOutcome, ItemState, StageSummary } from './types.js';
export { runBatch, storeDirOf, type RunBatchOptions } from './runBatch.js';
export { readLiveProgress, type LiveProgress } from './liveProgress.js';
export { withIsolationCheck } from './isolation/isolationCheck.js';
export { graphLockKeys, type SymbolGraph } from './graphLockKeys.js';
