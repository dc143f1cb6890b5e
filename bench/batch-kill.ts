/**
 * `npm run bench -- batch-kill`: a 1,000-item job (apply mode) runs in a child process and gets
 * SIGKILL at three points (early, middle, late); `resume` in this process finishes it. Checks that
 * every item ends in exactly one final state, that no item applied before a kill ran again, and
 * that every file carries its change exactly once. Compared with the same job uninterrupted.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createJob, executeJob, openJob, parseJobSpec, type BatchItem } from '../src/agent/batch/index.js';
import { appendExecutor } from '../src/agent/batch/test/appendExecutor.js';
import { runAndKill } from '../src/agent/batch/test/killAndResume.js';
import { benchProject } from './batch/fixtures.js';
import type { Benchmark } from './types.js';

const ITEMS = 1000;
const spec = parseJobSpec({ instruction: 'append a marker', targets: { files: 'src/*.ts' }, apply: 'apply', concurrency: 8 });

async function itemStates(storeDir: string, id: string): Promise<BatchItem[]> {
  const store = await openJob(storeDir, id);
  const items: BatchItem[] = [];
  for await (const item of store.items()) items.push(item);
  await store.close();
  return items;
}

async function killedRun(killAt: number, log: (line: string) => void) {
  const project = await benchProject(ITEMS);
  try {
    const store = await createJob({ root: project.root, storeDir: project.storeDir, spec });
    const id = store.meta.id;
    await store.close();
    const started = performance.now();
    const seen = await runAndKill(project.storeDir, id, killAt, 1);
    const atKill = await itemStates(project.storeDir, id);
    const applied = new Set(atKill.filter((item) => item.state === 'applied').map((item) => item.id));
    const running = atKill.filter((item) => item.state === 'running').length;
    const verifiedUnapplied = atKill.filter((item) => item.state === 'verified').length;
    const executor = appendExecutor();
    const resumed = await openJob(project.storeDir, id);
    const done = await executeJob(resumed, { storeDir: project.storeDir, executor });
    await resumed.close();
    const ms = performance.now() - started;
    // No item verified before the kill (applied or not yet) may run again: verified work is never redone.
    const verifiedAtKill = atKill.filter((item) => item.state === 'applied' || item.state === 'verified').map((item) => item.id);
    const redone = verifiedAtKill.filter((itemId) => executor.calls.has(itemId)).length;
    let wrongFiles = 0;
    for (const file of project.files) if ((await readFile(path.join(project.root, file), 'utf8')).split('// batch item').length - 1 !== 1) wrongFiles += 1;
    const final = done.summary.counts.applied + done.summary.counts.failed;
    const ok = final === ITEMS && done.summary.counts.pending + done.summary.counts.running + done.summary.counts.verified === 0 && redone === 0 && wrongFiles === 0;
    log(`kill after ${seen} final: at kill ${applied.size} applied, ${running} running, ${verifiedUnapplied} verified-unapplied → resume: ${done.summary.counts.applied} applied, ${done.summary.counts.failed} failed, ${redone} redone, ${wrongFiles} files wrong, ${Math.round(ms)} ms ${ok ? 'ok' : 'FAIL'}`);
    return { killAt: seen, appliedAtKill: applied.size, runningAtKill: running, verifiedUnappliedAtKill: verifiedUnapplied, counts: done.summary.counts, redone, wrongFiles, ms: Math.round(ms), ok };
  } finally {
    await project.dispose();
  }
}

async function uninterrupted(): Promise<number> {
  const project = await benchProject(ITEMS);
  try {
    const store = await createJob({ root: project.root, storeDir: project.storeDir, spec });
    const started = performance.now();
    await executeJob(store, { storeDir: project.storeDir, executor: appendExecutor({ delayMs: 1 }) });
    await store.close();
    return performance.now() - started;
  } finally {
    await project.dispose();
  }
}

const bench: Benchmark = async ({ log }) => {
  const runs = [];
  for (const killAt of [50, 500, 950]) runs.push(await killedRun(killAt, log));
  const baseMs = Math.round(await uninterrupted());
  log(`uninterrupted: ${baseMs} ms`);
  const pass = runs.every((run) => run.ok);
  return {
    summary: `kill -9 during a ${ITEMS}-item job at 3 points, then resume: ${pass ? 'every item in exactly one final state, 0 redone, 0 files wrong' : 'FAIL'} (kill+resume ${runs.map((run) => run.ms).join('/')} ms vs uninterrupted ${baseMs} ms in-process)`,
    figures: { items: ITEMS, runs, uninterruptedMs: baseMs },
    pass,
  };
};

export default bench;
