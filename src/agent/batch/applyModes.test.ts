import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJob, executeJob, openJob } from './batchJob.js';
import { parseJobSpec } from './jobSpec.js';
import { appendExecutor } from './test/appendExecutor.js';
import { tempProject } from './test/project.js';
import type { ItemExecutor } from './types.js';

const git = (root: string, ...args: string[]): string => execFileSync('git', ['-C', root, ...args], { encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } }).trim();
const spec = (apply: string) => parseJobSpec({ instruction: 'append a marker', targets: { files: 'src/*.ts' }, apply, concurrency: 2 });

async function gitProject(count: number) {
  const project = await tempProject(count);
  git(project.root, 'init', '-q', '-b', 'main');
  await writeFile(path.join(project.root, '.gitignore'), '.krepis/\n');
  git(project.root, 'add', '-A');
  git(project.root, 'commit', '-q', '-m', 'init');
  return project;
}

describe('apply modes', () => {
  it('commit-per-item makes one commit per item, and a resumed item is never committed twice', async () => {
    await using project = await gitProject(3);
    await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec: spec('commit-per-item') });
    const done = await executeJob(store, { storeDir: project.storeDir, executor: appendExecutor() });
    expect(done.summary.counts.applied).toBe(3);
    expect(git(project.root, 'rev-list', '--count', 'HEAD')).toBe('4');
    expect(git(project.root, 'log', '--format=%B')).toContain(`Krepis-Batch-Item: ${store.meta.id}/0000002`);
    // kill -9 after the commit but before "applied" was recorded: the item is found verified again.
    const item = (await store.item('0000002'))!;
    await store.save({ ...item, state: 'verified' });
    const again = await executeJob(store, { storeDir: project.storeDir, executor: appendExecutor() });
    expect(again.summary.counts.applied).toBe(3);
    expect(git(project.root, 'rev-list', '--count', 'HEAD')).toBe('4');
    expect(git(project.root, 'status', '--porcelain')).toBe('');
  });

  it('branch mode commits on krepis/batch/<id> in a worktree and leaves the checkout alone', async () => {
    await using project = await gitProject(2);
    await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec: spec('branch') });
    const done = await executeJob(store, { storeDir: project.storeDir, executor: appendExecutor() });
    expect(done.summary.counts.applied).toBe(2);
    const branch = `krepis/batch/${store.meta.id}`;
    expect(git(project.root, 'rev-list', '--count', branch)).toBe('3');
    expect(git(project.root, 'show', `${branch}:src/f0001.ts`)).toContain('// batch item 0000002');
    expect(await readFile(path.join(project.root, 'src/f0001.ts'), 'utf8')).not.toContain('batch item');
    expect(git(project.root, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
    // the worktree removed between runs: a resume re-creates it on the same branch
    git(project.root, 'worktree', 'remove', '--force', store.meta.workRoot);
    const item = (await store.item('0000001'))!;
    await store.save({ ...item, state: 'pending' });
    const again = await executeJob(store, { storeDir: project.storeDir, executor: appendExecutor() });
    expect(again.summary.counts.applied).toBe(2);
    expect(git(project.root, 'show', `${branch}:src/f0000.ts`).split('// batch item').length - 1).toBe(2);
    git(project.root, 'worktree', 'remove', '--force', store.meta.workRoot);
  });

  it('a full disk fails only the item whose write hit ENOSPC', async (context) => {
    await using project = await tempProject(0);
    const disk = await mkdtemp(path.join(tmpdir(), 'krepis-full-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk], { stdio: 'ignore' });
    } catch {
      await rm(disk, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
      context.skip('needs root to mount a 256 KiB tmpfs as a full disk');
    }
    try {
      for (const name of ['a', 'b', 'c']) await writeFile(path.join(disk, `${name}.ts`), `export const ${name} = 1;\n`);
      const inner = appendExecutor();
      const executor: ItemExecutor = async (item, ctx) => {
        const outcome = await inner(item, ctx);
        const file = outcome.change!.files[0]!;
        if (item.target.file === 'b.ts') file.after = `${file.after}${'x'.repeat(1024 * 1024)}`;
        return outcome;
      };
      const job = parseJobSpec({ instruction: 'x', targets: { files: '*.ts' }, apply: 'apply', concurrency: 1 });
      await using store = await createJob({ root: disk, storeDir: project.storeDir, spec: job });
      const done = await executeJob(store, { storeDir: project.storeDir, executor });
      const b = done.report.items.find((item) => item.target === 'b.ts');
      expect(b).toMatchObject({ status: 'failed', error: { code: 'KREPIS_BATCH_DISK_FULL' } });
      expect(done.summary.counts).toMatchObject({ applied: 2, failed: 1 });
      expect(await readFile(path.join(disk, 'b.ts'), 'utf8')).toBe('export const b = 1;\n');
      expect(await readFile(path.join(disk, 'c.ts'), 'utf8')).toContain('batch item');
    } finally {
      execFileSync('umount', [disk]);
      await rm(disk, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    }
  });

  it('a full disk under the queue stops the job with KREPIS_BATCH_DISK_FULL, and resume after freeing space loses nothing', async (context) => {
    await using project = await tempProject(20);
    const disk = await mkdtemp(path.join(tmpdir(), 'krepis-full-store-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk], { stdio: 'ignore' });
    } catch {
      await rm(disk, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
      context.skip('needs root to mount a 4 MiB tmpfs as a full disk');
    }
    try {
      const storeDir = path.join(disk, '.krepis');
      const job = parseJobSpec({ instruction: 'x', targets: { files: 'src/*.ts' }, concurrency: 2 });
      let id: string;
      {
        await using store = await createJob({ root: project.root, storeDir, spec: job });
        id = store.meta.id;
      }
      const filler = path.join(disk, 'filler');
      const fill = () => writeFile(filler, Buffer.alloc(8 * 1024 * 1024)).catch(() => undefined); // writes until the disk is full
      {
        await using store = await openJob(storeDir, id);
        let filled = false;
        const executor: ItemExecutor = async (item, ctx) => {
          if (!filled && item.id === '0000005') {
            filled = true;
            await fill();
          }
          return appendExecutor()(item, ctx);
        };
        await expect(executeJob(store, { storeDir, executor })).rejects.toMatchObject({ code: 'KREPIS_BATCH_DISK_FULL' });
      }
      await rm(filler);
      await using store = await openJob(storeDir, id);
      const done = await executeJob(store, { storeDir, executor: appendExecutor() });
      expect(done.summary.counts).toEqual({ pending: 0, running: 0, verified: 20, failed: 0, applied: 0 });
    } finally {
      execFileSync('umount', [disk]);
      await rm(disk, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    }
  });
});
