import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createReplayRuntime } from '../model/index.js';
import { openTriStore, type TriStore } from './index.js';
import { createFixtureProject, type FixtureProject } from './testing/fixtureProject.js';

let project: FixtureProject | undefined;
let store: TriStore | undefined;
afterEach(async () => {
  await store?.close();
  await project?.dispose();
});

it('writes model summaries for symbols without JSDoc into the index only, and search finds them', async () => {
  project = await createFixtureProject({ 'src/job.ts': 'export function runNightly(queue: string[]) { return queue.length; }\n/** Documented already. */\nexport function documented() {}\nexport function broken() {}\n' });
  const before = await readFile(path.join(project.root, 'src/job.ts'), 'utf8');
  const prompts: string[] = [];
  const runtime = createReplayRuntime({
    responses: [
      (request) => (prompts.push(request.messages.at(-1)?.content ?? ''), 'not json at all'),
      (request) => (prompts.push(request.messages.at(-1)?.content ?? ''), JSON.stringify({ summary: 'Drains the nightly batch queue.', tags: ['batch', 'scheduler'] })),
    ],
  });
  store = await openTriStore(project.config, { runtime });
  await store.update();
  const report = await store.writeShadowDocs();
  expect(prompts.map((prompt) => prompt.split('\n')[0])).toEqual(['function broken in src/job.ts:', 'function runNightly in src/job.ts:']);
  expect(report).toEqual({ described: 1, rejected: [{ symbol: 'src/job.ts#broken', reason: 'answer is not JSON' }] });
  expect((await store.lookup('runNightly'))[0]?.shadow).toEqual({ summary: 'Drains the nightly batch queue.', tags: ['batch', 'scheduler'] });
  expect((await store.lookup('documented'))[0]?.shadow).toBeUndefined();
  expect((await store.search('scheduler', 1))[0]?.symbol).toBe('src/job.ts#runNightly');
  expect(await readFile(path.join(project.root, 'src/job.ts'), 'utf8')).toBe(before);
  const context = await store.assembleContext('runNightly', { budget: 500, focusSymbols: ['runNightly'] });
  expect(context.items[0]?.text).toContain('(summary written by Krepis) Drains the nightly batch queue.');
});
