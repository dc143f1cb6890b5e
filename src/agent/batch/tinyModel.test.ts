import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTinyGguf } from '../../../models/tinyGguf.js';
import { krepis } from '../../../test/cliHarness.js';
import { agentProject } from './test/agentProject.js';

const FILES = {
  'src/a.ts': 'export function a(): number {\n  return 1;\n}\n',
};

interface CliReport {
  report: { counts: Record<string, number>; items: { status: string; error?: { code: string }; tokens: number }[] };
}

describe('a batch job on the real llama adapter (tiny GGUF)', () => {
  it('runs an agent on a 2-sequence llama runtime from the config; gibberish never verifies, so nothing is written and the report says so', async () => {
    using project = agentProject(FILES);
    const model = { path: await ensureTinyGguf(), gpu: false, contextSize: 16384, maxTokens: 48, temperature: 0.5 };
    writeFileSync(path.join(project.root, 'krepis.config.json'), JSON.stringify({ model }));
    const run = await krepis(['--json', '--cwd', project.root, 'rewrite', 'Add a JSDoc comment', '--files', 'src/*.ts', '--apply', 'apply', '--attempts', '1', '--concurrency', '2', '--no-index']);
    expect(run.code, run.stderr).toBe(1);
    const { report } = run.json<CliReport>();
    expect(report.counts).toMatchObject({ failed: 1, applied: 0, pending: 0, running: 0 });
    for (const item of report.items) {
      expect(item.error?.code).toBe('KREPIS_BATCH_NOT_VERIFIED');
      expect(item.tokens).toBeGreaterThan(0);
    }
    for (const [file, text] of Object.entries(FILES)) expect(readFileSync(path.join(project.root, file), 'utf8')).toBe(text);
  });
});
