import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/index.js';
import { createJob, parseJobSpec, runBatch, storeDirOf } from './index.js';
import { agentProject } from './test/agentProject.js';
import { UNDOCUMENTED } from './test/documenter.js';
import { openAiServer } from './test/openAiServer.js';

describe('scale-out: batch workers on several machines share one OpenAI-compatible GPU server', () => {
  it('two jobs in two checkouts run against one server at once and both apply every item', async () => {
    const server = await openAiServer({ pairUpMs: 20_000 });
    using first = agentProject(UNDOCUMENTED);
    using second = agentProject(UNDOCUMENTED);
    const notes: string[] = [];
    try {
      const spec = parseJobSpec({ instruction: 'Add a JSDoc comment', targets: { symbols: { files: 'src/*.ts', missingJsDoc: true } }, stages: ['syntax'], attempts: 1, concurrency: 2, apply: 'apply' });
      const run = async (root: string) => {
        const config = await resolveConfig({ cwd: root, env: {}, overrides: { model: { runtime: 'openai', url: server.url } } });
        await using store = await createJob({ root, storeDir: storeDirOf(config), spec });
        return await runBatch(store, { config, onNote: (text) => notes.push(text) });
      };
      const [a, b] = await Promise.all([run(first.root), run(second.root)]);
      for (const done of [a, b]) expect(done.report.counts).toMatchObject({ applied: 3, failed: 0 });
      expect(notes).toEqual([]); // the Tri-Store opened: graph-aware lock keys and indexed context
      expect(server.stats.requests).toBe(6);
      expect(server.stats.peak).toBeGreaterThanOrEqual(2);
      for (const project of [first, second]) expect(project.read('src/text.ts')).toContain('/** whisper: documented by the batch. */');
    } finally {
      await server.close();
    }
  });
});
