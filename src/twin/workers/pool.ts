import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { KrepisError } from '../../errors/index.js';
import { wallMs } from '../engine/host.js';
import { loadScenarioFile } from '../load/loadScenarioFile.js';
import type { ScenarioReport, VerifyOptions, VerifyReport } from '../types.js';
import { locate, summarize, verifyDefaults } from '../verify.js';
import type { WorkerJob, WorkerReply } from './protocol.js';

const here = new URL('.', import.meta.url);
const fromSource = import.meta.url.endsWith('.ts');

function runWorker(job: WorkerJob, signal: AbortSignal | undefined): Promise<WorkerReply> {
  const worker = new Worker(new URL(fromSource ? 'worker.ts' : 'worker.js', here), {
    workerData: job,
    // From TypeScript sources (tests, benchmarks) the worker needs the same loader and path mapping.
    ...(fromSource ? { execArgv: ['--import', 'jiti/register'], env: { ...process.env, JITI_TSCONFIG_PATHS: '1' } } : {}),
  });
  return new Promise((resolve, reject) => {
    const abort = () => void worker.terminate();
    signal?.addEventListener('abort', abort, { once: true });
    worker.once('message', (reply: WorkerReply) => resolve(reply));
    worker.once('error', reject);
    worker.once('exit', () => signal?.removeEventListener('abort', abort));
  });
}

function merge(parts: { report: ScenarioReport; states: Float64Array }[]): ScenarioReport {
  const states = new Set<number>();
  for (const part of parts) for (const state of part.states) states.add(state);
  const first = parts[0] as { report: ScenarioReport };
  const reports = parts.map((part) => part.report);
  return {
    ...first.report,
    ok: reports.every((r) => r.ok),
    schedules: reports.reduce((sum, r) => sum + r.schedules, 0),
    transitions: reports.reduce((sum, r) => sum + r.transitions, 0),
    races: Math.max(...reports.map((r) => r.races)),
    distinctStates: states.size,
    violations: reports.flatMap((r) => r.violations).filter((v, i, all) => all.findIndex((o) => o.kind === v.kind) === i),
    wallMs: Math.max(...reports.map((r) => r.wallMs)),
    virtualMs: Math.max(...reports.map((r) => r.virtualMs)),
    complete: reports.every((r) => r.complete),
  };
}

/** Runs every scenario split across worker threads (one slice of its schedules per worker), then merges. */
export async function verifyInWorkers(files: string[], options: VerifyOptions, root = process.cwd()): Promise<VerifyReport> {
  const started = wallMs();
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), availableParallelism() * 2));
  const reports: ScenarioReport[] = [];
  for (const file of files) {
    const { names } = loadScenarioFile(file);
    for (let index = 0; index < names.length; index++) {
      const budget = options.budget ?? verifyDefaults.budget;
      const jobs: WorkerJob[] = Array.from({ length: workers }, (_, offset) => ({
        file: path.resolve(file),
        root,
        index,
        strategy: options.strategy ?? verifyDefaults.strategy,
        budget: Math.ceil(budget / workers),
        seed: options.seed ?? verifyDefaults.seed,
        preemptionBound: options.preemptionBound,
        depth: options.depth,
        chaos: options.chaos,
        stopOnFirst: options.stopOnFirst ?? true,
        partition: { offset, stride: workers },
      }));
      const replies = await Promise.all(jobs.map((job) => runWorker(job, options.signal)));
      const failed = replies.find((reply) => !reply.ok);
      if (failed && !failed.ok) throw new KrepisError(failed.code ?? 'KREPIS_TWIN_WORKER_FAILED', failed.error, { kind: 'usage', hint: 'Run with --workers 1 to see the error in-process.' });
      const parts = replies.flatMap((reply) => (reply.ok ? [{ report: reply.report, states: reply.states }] : []));
      reports.push(locate(merge(parts), file, index));
      options.onProgress?.({ scenario: names[index] ?? '', schedules: reports.at(-1)?.schedules ?? 0, budget, distinctStates: reports.at(-1)?.distinctStates ?? 0, violations: reports.at(-1)?.violations.length ?? 0 });
    }
  }
  return summarize(reports, wallMs() - started);
}
