import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { krepis } from '../../../test/cliHarness.js';
import { createJob, executeJob, jobFolder, openJob } from './batchJob.js';
import { liveProgressWriter } from './liveProgress.js';
import { parseJobSpec } from './jobSpec.js';
import { appendExecutor, marker } from './test/appendExecutor.js';
import { tempProject } from './test/project.js';
import type { BatchItem } from './types.js';

const spec = (extra: Record<string, unknown> = {}) => parseJobSpec({ instruction: 'append a marker', targets: { files: 'src/*.ts' }, ...extra });

async function states(storeDir: string, id: string): Promise<BatchItem[]> {
  await using store = await openJob(storeDir, id);
  const items: BatchItem[] = [];
  for await (const item of store.items()) items.push(item);
  return items;
}

describe('runJob', () => {
  it('applies every verified change once and writes JSON and Markdown reports', async () => {
    await using project = await tempProject(12);
    const executor = appendExecutor();
    let peak = 0;
    await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec: spec({ apply: 'apply', concurrency: 4 }) });
    const done = await executeJob(store, { storeDir: project.storeDir, executor, onProgress: (p) => (peak = Math.max(peak, p.counts.running)) });
    expect(done.summary.counts).toEqual({ pending: 0, running: 0, verified: 0, failed: 0, applied: 12 });
    expect(done.summary.interrupted).toBe(false);
    expect(peak).toBeGreaterThan(1);
    expect(peak).toBeLessThanOrEqual(4);
    const text = await readFile(path.join(project.root, 'src/f0003.ts'), 'utf8');
    expect(text.endsWith('// batch item 0000004\n')).toBe(true);
    const json = JSON.parse(await readFile(done.files.json, 'utf8')) as { items: { status: string; diff: { additions: number } }[] };
    expect(json.items).toHaveLength(12);
    expect(json.items[0]).toMatchObject({ status: 'applied', diff: { files: 1, additions: 1, deletions: 0 } });
    expect(await readFile(done.files.markdown, 'utf8')).toContain('| 0000001 | `src/f0000.ts` | applied | 1 | ✓ syntax | 1 files +1 −0 |');
  });

  it('turns a hang, a crash, a failed verification and a deleted target into per-item errors; the rest goes on', async () => {
    await using project = await tempProject(8);
    const executor = appendExecutor({ hang: new Set(['0000002']), throws: new Set(['0000003']), fails: new Set(['0000004']), delayMs: 20 });
    await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec: spec({ itemTimeoutMs: 300, concurrency: 2 }) });
    await rm(path.join(project.root, 'src/f0007.ts'));
    const done = await executeJob(store, { storeDir: project.storeDir, executor });
    const byId = new Map(done.report.items.map((item) => [item.id, item]));
    expect(byId.get('0000002')?.error?.code).toBe('KREPIS_BATCH_ITEM_TIMEOUT');
    expect(byId.get('0000003')?.error).toMatchObject({ code: 'KREPIS_BATCH_ITEM_CRASHED', message: 'executor bug on 0000003' });
    expect(byId.get('0000004')).toMatchObject({ status: 'failed', attempts: 2, error: { code: 'KREPIS_BATCH_NOT_VERIFIED' } });
    expect(byId.get('0000008')?.error?.code).toBe('KREPIS_BATCH_TARGET_MISSING');
    expect(done.summary.counts).toMatchObject({ verified: 4, failed: 4, pending: 0, running: 0 });
    // report mode writes nothing
    expect(await readFile(path.join(project.root, 'src/f0000.ts'), 'utf8')).not.toContain('batch item');
  });

  it('never runs two items that share a lock key at once', async () => {
    await using project = await tempProject(16);
    let overlap = false;
    const held = new Map<string, string>();
    const group = (item: BatchItem): string => `group-${Number(item.id) % 3}`;
    const executor = appendExecutor({
      delayMs: 5,
      onStart: (item, running) => {
        if ([...running].some((other) => other !== item.id && held.get(other) === group(item))) overlap = true;
        held.set(item.id, group(item));
      },
    });
    await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec: spec({ concurrency: 8 }) });
    const done = await executeJob(store, { storeDir: project.storeDir, executor, lockKeys: async (item) => [group(item)] });
    expect(done.summary.counts.verified).toBe(16);
    expect(overlap).toBe(false);
  });

  it('resumes after an interruption without redoing verified items, and applies verified-unapplied ones exactly once', async () => {
    await using project = await tempProject(10);
    const first = appendExecutor({ delayMs: 30 });
    const controller = new AbortController();
    let id = '';
    {
      await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec: spec({ apply: 'apply', concurrency: 2 }) });
      id = store.meta.id;
      const done = await executeJob(store, { storeDir: project.storeDir, executor: first, signal: controller.signal, onProgress: (p) => p.counts.applied >= 3 && controller.abort() });
      expect(done.summary.interrupted).toBe(true);
    }
    const before = await states(project.storeDir, id);
    const finished = new Set(before.filter((item) => item.state === 'applied').map((item) => item.id));
    expect(finished.size).toBeGreaterThanOrEqual(3);
    expect(before.some((item) => item.state === 'running')).toBe(false);
    const second = appendExecutor();
    await using store = await openJob(project.storeDir, id);
    const done = await executeJob(store, { storeDir: project.storeDir, executor: second });
    expect(done.summary.counts.applied).toBe(10);
    for (const item of finished) expect(second.calls.has(item)).toBe(false);
    for (const [index, file] of project.files.entries()) {
      const text = await readFile(path.join(project.root, file), 'utf8');
      expect(text.split('// batch item').length - 1, file).toBe(1);
      expect(text).toContain(marker({ id: String(index + 1).padStart(7, '0') } as BatchItem));
    }
  });

  it('applies an item found verified at resume exactly once, whether or not its files were already written', async () => {
    await using project = await tempProject(2);
    await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec: spec({ apply: 'apply' }) });
    // The state a kill -9 leaves between recording "verified" and recording "applied": item 1's file
    // already written, item 2's not yet.
    for (const [index, file] of project.files.entries()) {
      const item = (await store.item(String(index + 1).padStart(7, '0')))!;
      const before = await readFile(path.join(project.root, file), 'utf8');
      const change = { files: [{ path: file, before, after: before + marker(item) }], diff: '' };
      await store.save({ ...item, state: 'verified', runs: 1 }, change);
      if (index === 0) await writeFile(path.join(project.root, file), change.files[0]!.after);
    }
    const executor = appendExecutor();
    const done = await executeJob(store, { storeDir: project.storeDir, executor });
    expect(executor.calls.size).toBe(0);
    expect(done.summary.counts.applied).toBe(2);
    for (const file of project.files) expect((await readFile(path.join(project.root, file), 'utf8')).split('// batch item').length - 1).toBe(1);
  });

  it('runs an item again when its files changed under it, then applies on the new content', async () => {
    await using project = await tempProject(1);
    await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec: spec({ apply: 'apply' }) });
    const file = path.join(project.root, project.files[0]!);
    let first = true;
    const inner = appendExecutor();
    const executor = Object.assign(async (item: BatchItem, context: Parameters<typeof inner>[1]) => {
      const outcome = await inner(item, context);
      if (first) await writeFile(file, 'export const edited = 1;\n'); // someone edits the file meanwhile
      first = false;
      return outcome;
    }, { calls: inner.calls });
    const done = await executeJob(store, { storeDir: project.storeDir, executor });
    expect(inner.calls.get('0000001')).toBe(2);
    expect(done.report.items[0]).toMatchObject({ status: 'applied', runs: 2 });
    expect(await readFile(file, 'utf8')).toBe('export const edited = 1;\n// batch item 0000001\n');
  });

  it('`krepis batch status` shows the live progress of a job another process is running', async () => {
    await using project = await tempProject(3);
    await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec: spec() });
    const live = liveProgressWriter(jobFolder(project.storeDir, store.meta.id), 0);
    live.update({ total: 3, counts: { pending: 1, running: 1, verified: 1, failed: 0, applied: 0 }, tokens: 42, elapsedMs: 10 });
    await live.flush();
    const status = await krepis(['--json', '--cwd', project.root, 'batch', 'status', store.meta.id]);
    expect(status.code, status.stderr).toBe(0);
    expect(status.json()).toMatchObject({ live: true, pid: process.pid, tokens: 42, counts: { running: 1 } });
    const listed = await krepis(['--json', '--cwd', project.root, 'batch', 'status']);
    expect(listed.json()).toEqual({ jobs: [{ id: store.meta.id, total: 3, counts: { pending: 1, running: 1, verified: 1, failed: 0, applied: 0 }, state: 'running' }] });
    await store.close();
    const after = await krepis(['--json', '--cwd', project.root, 'batch', 'status', store.meta.id]);
    expect(after.json()).toMatchObject({ counts: { pending: 3 }, job: { id: store.meta.id } });
    const list = await krepis(['--cwd', project.root, 'batch', 'status']);
    expect(list.stdout).toContain(`${store.meta.id}  unfinished 0/3 ok · 0 failed  (krepis batch resume ${store.meta.id})`);
  });
});
