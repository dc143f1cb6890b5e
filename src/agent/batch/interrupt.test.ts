import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { krepis } from '../../../test/cliHarness.js';
import { agentProject } from './test/agentProject.js';
import { UNDOCUMENTED } from './test/documenter.js';
import { openAiServer } from './test/openAiServer.js';

interface CliResult {
  interrupted: boolean;
  report: { job: { id: string }; counts: Record<string, number> };
}

describe('Ctrl-C during `krepis rewrite`', () => {
  it('stops cleanly with exit 130, and `batch resume` finishes the job without redoing what was done', async () => {
    const server = await openAiServer({ delayMs: 150 });
    using project = agentProject(UNDOCUMENTED);
    writeFileSync(path.join(project.root, 'krepis.config.json'), JSON.stringify({ model: { runtime: 'openai', url: server.url } }));
    try {
      const controller = new AbortController();
      const poll = setInterval(() => server.stats.requests >= 2 && controller.abort(), 10);
      const args = ['--json', '--cwd', project.root];
      const flags = ['--symbols', '--missing-jsdoc', '--apply', 'apply', '--attempts', '1', '--concurrency', '1', '--no-index'];
      const first = await krepis([...args, 'rewrite', 'Add a JSDoc comment', '--files', 'src/*.ts', ...flags], {}, controller.signal);
      clearInterval(poll);
      expect(first.code, first.stderr).toBe(130);
      const stopped = first.json<CliResult>();
      expect(stopped.interrupted).toBe(true);
      expect(stopped.report.counts.pending).toBeGreaterThan(0);
      expect(stopped.report.counts.running).toBe(0);
      const applied = stopped.report.counts.applied ?? 0;
      const before = server.stats.requests;

      const resumed = await krepis([...args, 'batch', 'resume', stopped.report.job.id, '--no-index']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(resumed.json<CliResult>().report.counts).toMatchObject({ applied: 3, pending: 0, failed: 0 });
      expect(server.stats.requests - before).toBe(3 - applied);
      expect(project.read('src/text.ts').split('documented by the batch').length - 1).toBe(2);
    } finally {
      await server.close();
    }
  });
});
