import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureTinyGguf } from '../../../models/tinyGguf.js';
import { krepis } from '../../../test/cliHarness.js';
import { tempProject } from '../testing/tempProject.js';
import type { AgentReport } from '../types.js';

const MATH = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';

describe('krepis ai on the real llama adapter (the tiny GGUF the project builds)', () => {
  it('generates grammar-constrained answers that do not verify: nothing is written, the report says so honestly', async () => {
    using project = tempProject({ 'src/math.ts': MATH });
    const model = { path: await ensureTinyGguf(), gpu: false, contextSize: 16384, maxTokens: 64, temperature: 0.8 };
    writeFileSync(path.join(project.root, 'krepis.config.json'), JSON.stringify({ model }));
    const before = project.snapshot();
    const run = await krepis(['--json', '--cwd', project.root, 'ai', '--apply', '--attempts', '2', '--file', 'src/math.ts', 'add a sub function']);
    expect(run.code, run.stderr).toBe(1);
    const report = run.json<AgentReport & { applied: unknown }>();
    expect(report.status).toBe('failed');
    expect(report.reason).toMatch(/^no attempt verified in 2 of 2 attempt\(s\)/);
    expect(report.applied).toBeNull();
    expect(report.attempts).toHaveLength(2);
    for (const attempt of report.attempts) {
      expect(attempt.outcome).not.toBe('verified');
      expect(attempt.tokens.completion).toBeGreaterThan(0);
    }
    // the second attempt starts with the same system prompt and task: the runtime reuses their evaluation
    expect(report.attempts[1]?.tokens.reusedPrompt).toBeGreaterThan(0);
    expect(readFileSync(path.join(project.root, 'src/math.ts'), 'utf8')).toBe(MATH);
    expect(project.snapshot()).toEqual(before);
  }, 180_000);
});
