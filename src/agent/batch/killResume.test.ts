import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createJob, executeJob, openJob } from './batchJob.js';
import { parseJobSpec } from './jobSpec.js';
import { appendExecutor } from './test/appendExecutor.js';
import { runAndKill } from './test/killAndResume.js';
import { tempProject } from './test/project.js';
import type { BatchItem } from './types.js';

describe('kill -9 and resume', () => {
  it('after SIGKILL mid-job, resume ends every item in exactly one final state with no applied item redone', async () => {
    await using project = await tempProject(120);
    const spec = parseJobSpec({ instruction: 'append a marker', targets: { files: 'src/*.ts' }, apply: 'apply', concurrency: 4 });
    let id: string;
    {
      await using store = await createJob({ root: project.root, storeDir: project.storeDir, spec });
      id = store.meta.id;
    }
    const seen = await runAndKill(project.storeDir, id, 40);
    expect(seen).toBeGreaterThanOrEqual(40);

    const atKill = new Map<string, BatchItem>();
    {
      await using store = await openJob(project.storeDir, id);
      for await (const item of store.items()) atKill.set(item.id, item);
    }
    const applied = [...atKill.values()].filter((item) => item.state === 'applied');
    expect(applied.length).toBeGreaterThanOrEqual(40);
    expect(applied.length).toBeLessThan(120);

    const executor = appendExecutor();
    await using store = await openJob(project.storeDir, id);
    const done = await executeJob(store, { storeDir: project.storeDir, executor });
    expect(done.summary.counts).toEqual({ pending: 0, running: 0, verified: 0, failed: 0, applied: 120 });
    for (const item of applied) expect(executor.calls.has(item.id), item.id).toBe(false);
    for (const file of project.files) {
      const text = await readFile(path.join(project.root, file), 'utf8');
      expect(text.split('// batch item').length - 1, file).toBe(1);
    }
    expect((await readdir(path.join(project.root, 'src'))).filter((name) => name.endsWith('.krepis-tmp'))).toEqual([]);
  }, 150_000);
});
