import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createApplier } from './applyModes.js';
import { BatchError, BatchErrorCode, isDiskFull } from './errors.js';
import { assertGitRepo, ensureWorktree } from './git.js';
import type { JobSpec } from './jobSpec.js';
import { JobStore } from './JobStore.js';
import { liveProgressWriter } from './liveProgress.js';
import { buildReport, renderMarkdown, type JobReport } from './report.js';
import { resolveTargets } from './resolveTargets.js';
import { runJob, type JobProgress, type JobRunSummary, type RunJobOptions } from './runJob.js';
import type { ItemExecutor } from './types.js';

/** Where a job keeps its queue, worktree and reports: `<store>/jobs/<id>/`. */
export const jobFolder = (storeDir: string, id: string): string => path.join(storeDir, 'jobs', id);
const queueFolder = (storeDir: string, id: string): string => path.join(jobFolder(storeDir, id), 'queue');

/** A fresh job id: UTC date and time, then 4 random hex digits (`20260101-120000-a1b2`). */
export function newJobId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${stamp}-${randomBytes(2).toString('hex')}`;
}

export interface CreateJobOptions {
  /** Project root. */
  root: string;
  /** The store folder (config `index.dir`, resolved). */
  storeDir: string;
  spec: JobSpec;
  /** Default: a fresh id. */
  id?: string;
  /** fsync every state change (survives power loss, not only `kill -9`). Default false. */
  durable?: boolean;
}

/** Resolves the targets and queues one pending item per target. */
export async function createJob(options: CreateJobOptions): Promise<JobStore> {
  const id = options.id ?? newJobId();
  if (!/^[\w.-]+$/.test(id)) throw new BatchError(BatchErrorCode.jobFileInvalid, `Invalid job id "${id}"`, { kind: 'usage', hint: 'Use letters, digits, ".", "_" and "-".' });
  const targets = await resolveTargets(options.root, options.spec.targets);
  if (options.spec.apply === 'commit-per-item' || options.spec.apply === 'branch') await assertGitRepo(options.root, options.spec.apply);
  let workRoot = options.root;
  if (options.spec.apply === 'branch') {
    workRoot = path.join(jobFolder(options.storeDir, id), 'worktree');
    await mkdir(jobFolder(options.storeDir, id), { recursive: true });
    await ensureWorktree(options.root, workRoot, id);
  }
  const meta = { id, spec: options.spec, root: options.root, workRoot, createdAt: new Date().toISOString() };
  return JobStore.create(queueFolder(options.storeDir, id), meta, targets, { durable: options.durable });
}

/** Opens an existing job by id. */
export function openJob(storeDir: string, id: string, options: { durable?: boolean } = {}): Promise<JobStore> {
  return JobStore.open(queueFolder(storeDir, id), id, options);
}

/** Ids of the jobs under the store folder, oldest first. */
export async function listJobs(storeDir: string): Promise<string[]> {
  const dir = path.join(storeDir, 'jobs');
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, 'queue', 'CURRENT'))).map((entry) => entry.name).sort();
}

export interface ExecuteJobOptions {
  storeDir: string;
  executor: ItemExecutor;
  /** Default: the job spec's concurrency, else 4. */
  concurrency?: number;
  signal?: AbortSignal;
  lockKeys?: RunJobOptions['lockKeys'];
  onProgress?: (progress: JobProgress) => void;
}

/** What running (or resuming) a job produced; the reports are also written next to its queue. */
export interface ExecutedJob {
  summary: JobRunSummary;
  report: JobReport;
  files: { json: string; markdown: string };
}

/** Runs (or resumes) a job to the end, then writes `report.json` and `report.md` in its folder. */
export async function executeJob(store: JobStore, options: ExecuteJobOptions): Promise<ExecutedJob> {
  const { spec, workRoot, id } = store.meta;
  if (spec.apply === 'branch') await ensureWorktree(store.meta.root, workRoot, id);
  const apply = createApplier(spec.apply, { workRoot, jobId: id, instruction: spec.instruction });
  const folder = jobFolder(options.storeDir, id);
  const live = liveProgressWriter(folder);
  const summary = await runJob(store, {
    executor: options.executor,
    concurrency: options.concurrency ?? spec.concurrency ?? 4,
    itemTimeoutMs: spec.itemTimeoutMs,
    root: workRoot,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.lockKeys ? { lockKeys: options.lockKeys } : {}),
    ...(apply ? { apply } : {}),
    onProgress: (progress) => {
      live.update(progress);
      options.onProgress?.(progress);
    },
  }).finally(() => live.flush());
  const report = await buildReport(store);
  const files = { json: path.join(folder, 'report.json'), markdown: path.join(folder, 'report.md') };
  try {
    await writeFile(files.json, `${JSON.stringify(report, null, 2)}\n`);
    await writeFile(files.markdown, renderMarkdown(report));
  } catch (cause) {
    if (!isDiskFull(cause)) throw cause;
    throw new BatchError(BatchErrorCode.diskFull, `Disk full: the job finished but its report could not be written to ${folder}`, { hint: `Free disk space, then \`krepis batch status ${id} --markdown\` prints it.`, cause });
  }
  return { summary, report, files };
}
