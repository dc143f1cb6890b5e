import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { ExecutedJob, JobReport, JobSpec, JobStore, LiveProgress } from '../../agent/batch/index.js';
import { parseIntFlag, type CommandModule } from '../command.js';
import type { CommandContext } from '../context.js';

const APPLY_MODES = ['report', 'apply', 'commit-per-item', 'branch'] as const;

/** The batch module, loaded when a batch command runs (it pulls in the agent, the Tri-Store and TypeScript). */
export const loadBatch = () => import('../../agent/batch/index.js');

/** Commander parser for `--apply <mode>`. */
export function parseApplyMode(value: string): JobSpec['apply'] {
  if ((APPLY_MODES as readonly string[]).includes(value)) return value as JobSpec['apply'];
  throw new InvalidArgumentError(`expected one of ${APPLY_MODES.join(', ')}, got "${value}".`);
}

/** Options shared by every command that runs a job. */
export interface RunFlags {
  concurrency?: number;
  /** `--no-index`: false. */
  index?: boolean;
  replay?: string;
  record?: string;
}

/** Adds the flags of a job run to a command. */
export function withRunFlags(command: Command): Command {
  return command
    .option('--concurrency <n>', 'agents at once = parallel model sequences (default: the job’s, else batch.concurrency)', parseIntFlag(1))
    .option('--replay <file>', 'play model answers from a transcript instead of running the model')
    .option('--record <file>', 'append every model answer to a transcript')
    .option('--no-index', 'skip the Tri-Store: context from each item’s file, lock keys from imports');
}

function renderReport(report: JobReport, files?: ExecutedJob['files']): string[] {
  const c = report.counts;
  const lines = [`job ${report.job.id} (${report.job.apply}): ${report.job.total} items · ${c.applied} applied · ${c.verified} verified · ${c.failed} failed · ${c.pending + c.running} unfinished · ${report.tokens} tokens`];
  for (const item of report.items.filter((entry) => entry.status === 'failed')) lines.push(`  ✗ ${item.id} ${item.target}: [${item.error?.code ?? '?'}] ${item.error?.message ?? ''}`);
  if (files) lines.push(`report: ${files.markdown} (JSON: ${files.json})`);
  if (c.pending + c.running > 0) lines.push(`resume: krepis batch resume ${report.job.id}`);
  return lines;
}

/** Runs (or resumes) a job with a live progress bar, prints its report; exit 1 when an item failed, 130 when interrupted. */
export async function runAndRender(ctx: CommandContext, store: JobStore, flags: RunFlags): Promise<number> {
  const { createProgressBar, runBatch } = await loadBatch();
  const config = await ctx.config();
  const bar = ctx.out.interactive ? createProgressBar(ctx.out.stderr, store.meta.total) : undefined;
  if (!bar) ctx.out.note(`job ${store.meta.id}: ${store.meta.total} items`);
  let done: ExecutedJob;
  try {
    const { concurrency, index, replay, record } = flags;
    const chosen = { ...(concurrency ? { concurrency } : {}), ...(index === false ? { index } : {}), ...(replay ? { replay } : {}), ...(record ? { record } : {}) };
    done = await runBatch(store, { config, signal: ctx.signal, onNote: (text) => ctx.out.note(text), ...chosen, ...(bar ? { onProgress: (progress) => bar.update(progress) } : {}) });
  } catch (error) {
    bar?.stop();
    ctx.out.note(`job ${store.meta.id} is saved; once the error below is fixed: krepis batch resume ${store.meta.id}`);
    throw error;
  } finally {
    bar?.stop();
    await store.close();
  }
  ctx.out.result({ ok: done.report.counts.failed === 0 && !done.summary.interrupted, interrupted: done.summary.interrupted, report: done.report, files: done.files }, () => renderReport(done.report, done.files));
  if (done.summary.interrupted) return 130;
  return done.report.counts.failed > 0 ? 1 : 0;
}

async function startJob(ctx: CommandContext, file: string, options: RunFlags & { apply?: JobSpec['apply']; id?: string; durable?: boolean }): Promise<number> {
  const { createJob, loadJobSpec, storeDirOf } = await loadBatch();
  const config = await ctx.config();
  const spec = await loadJobSpec(path.resolve(ctx.globals.cwd, file));
  const job = { ...spec, ...(options.apply ? { apply: options.apply } : {}) };
  const store = await createJob({ root: config.root, storeDir: storeDirOf(config), spec: job, ...(options.id ? { id: options.id } : {}), ...(options.durable ? { durable: true } : {}) });
  return runAndRender(ctx, store, options);
}

async function showStatus(ctx: CommandContext, id: string | undefined, markdown: boolean): Promise<number> {
  const { buildReport, listJobs, openJob, renderMarkdown, storeDirOf } = await loadBatch();
  const config = await ctx.config();
  const storeDir = storeDirOf(config);
  if (id === undefined) {
    const jobs = await Promise.all((await listJobs(storeDir)).map((job) => jobSummary(storeDir, job)));
    ctx.out.result({ jobs }, () => (jobs.length === 0 ? 'no batch jobs yet' : jobs.map(renderSummary)));
    return 0;
  }
  const live = await liveStatus(storeDir, id);
  if (live) {
    const c = live.counts;
    ctx.out.result({ id, live: true, ...live }, () => `job ${id} is running (pid ${live.pid}, as of ${live.updatedAt}): ${c.applied + c.verified + c.failed}/${live.total} done · ${c.failed} failed · ${c.running} running · ${live.tokens} tokens`);
    return 0;
  }
  await using store = await openJob(storeDir, id);
  const report = await buildReport(store);
  ctx.out.result(report, () => (markdown ? renderMarkdown(report).trimEnd() : renderReport(report)));
  return 0;
}

interface JobSummary {
  id: string;
  total: number;
  counts: Record<string, number>;
  state: 'running' | 'finished' | 'unfinished';
  apply?: string;
}

/** One line per job for `krepis batch status`: running (live), finished, or unfinished (resumable). */
async function jobSummary(storeDir: string, id: string): Promise<JobSummary> {
  const live = await liveStatus(storeDir, id);
  if (live) return { id, total: live.total, counts: live.counts, state: 'running' };
  const { openJob } = await loadBatch();
  await using store = await openJob(storeDir, id);
  const counts = await store.counts();
  return { id, total: store.meta.total, counts, state: store.meta.finishedAt ? 'finished' : 'unfinished', apply: store.meta.spec.apply };
}

const renderSummary = (job: JobSummary): string => {
  const done = (job.counts.applied ?? 0) + (job.counts.verified ?? 0);
  const hint = job.state === 'unfinished' ? `  (krepis batch resume ${job.id})` : '';
  return `${job.id}  ${job.state.padEnd(10)} ${done}/${job.total} ok · ${job.counts.failed ?? 0} failed${hint}`;
};

/** The live progress of a job that another process is running (its queue is locked), else undefined. */
async function liveStatus(storeDir: string, id: string): Promise<LiveProgress | undefined> {
  const { BatchErrorCode, jobFolder, openJob, readLiveProgress } = await loadBatch();
  try {
    const store = await openJob(storeDir, id);
    await store.close();
    return undefined;
  } catch (error) {
    if ((error as { code?: string }).code !== BatchErrorCode.jobLocked) throw error;
    const live = await readLiveProgress(jobFolder(storeDir, id));
    if (!live) throw error;
    return live;
  }
}

/** `krepis batch <job-file>`, `krepis batch resume <id>`, `krepis batch status [id]`. */
export const batchCommand: CommandModule = {
  register(program, run) {
    const batch = program.command('batch').description('batch rewrite jobs: one verified agent task per target, resumable, many at once on one model');
    withRunFlags(batch.command('run <job-file>', { isDefault: true }).description('start a job from a YAML or JSON job file'))
      .option('--apply <mode>', 'report | apply | commit-per-item | branch (overrides the job file)', parseApplyMode)
      .option('--id <id>', 'job id (default: date, time and 4 random hex digits)')
      .option('--durable', 'fsync every state change (survives power loss, slower)', false)
      .action(run(async (ctx, file: string, options: RunFlags & { apply?: JobSpec['apply']; id?: string; durable?: boolean }) => startJob(ctx, file, options)));
    withRunFlags(batch.command('resume <id>').description('continue a job after a crash or Ctrl-C: nothing verified is lost or redone')).action(
      run(async (ctx, id: string, options: RunFlags) => {
        const { openJob, storeDirOf } = await loadBatch();
        const config = await ctx.config();
        return runAndRender(ctx, await openJob(storeDirOf(config), id), options);
      }),
    );
    batch
      .command('status [id]')
      .description('a job’s items (status, attempts, stages, diff stats); without an id, every job')
      .option('--markdown', 'print the Markdown report', false)
      .action(run(async (ctx, id: string | undefined, options: { markdown: boolean }) => showStatus(ctx, id, options.markdown)));
  },
};
