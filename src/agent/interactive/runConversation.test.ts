import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { createColors } from 'picocolors';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/index.js';
import { createReplayRuntime, type ScriptedStep } from '../../model/index.js';
import { applyChange } from '../change/applyChange.js';
import { runAgentTask } from '../loop/runAgentTask.js';
import { answer, tempProject } from '../testing/tempProject.js';
import { runConversation } from './runConversation.js';

const MATH = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const SUB = answer([{ kind: 'symbol', file: 'src/math.ts', symbol: 'sub', code: 'export function sub(a: number, b: number): number {\n  return a - b;\n}' }], 'add sub');

describe('interactive mode', () => {
  it('multi-turn over stdin: Ctrl-C stops a generation cleanly, the next turn verifies, /apply writes it', async () => {
    using project = tempProject({ 'src/math.ts': MATH });
    const config = await resolveConfig({ cwd: project.root, env: {} });
    const input = new PassThrough();
    const output = new PassThrough();
    let shown = '';
    output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
    const prompts: string[] = [];
    const interrupted: ScriptedStep = async (request) => {
      input.write('\x03');
      await new Promise((resolve) => (request.signal?.aborted ? resolve(undefined) : request.signal?.addEventListener('abort', resolve, { once: true })));
      return SUB;
    };
    const runtime = createReplayRuntime({ responses: [interrupted, SUB] });
    const done = runConversation({
      input, output, terminal: true, colors: createColors(false),
      runTask: (prompt, signal, onEvent) => {
        prompts.push(prompt);
        if (prompts.length === 1) setImmediate(() => input.write('add sub again\n/apply\n/exit\n'));
        return runAgentTask({ prompt, root: project.root, focus: { files: ['src/math.ts'] }, stages: ['syntax', 'types'], signal, onEvent }, { runtime, config });
      },
      apply: (change) => applyChange(change, project.root),
    });
    input.write('add a sub function\n');
    const summary = await done;

    expect(summary.turns).toEqual([{ prompt: 'add a sub function', status: 'aborted' }, { prompt: 'add sub again', status: 'verified' }]);
    expect(summary.applied).toEqual([['src/math.ts']]);
    expect(prompts[1]).toContain('Earlier in this conversation:\n- add a sub function → aborted');
    expect(shown).toContain('aborted: stopped by the user');
    expect(shown).toMatch(/attempt 1 \(seed 42, temperature 0\.2\): generating…[\s\S]*✓ types/);
    expect(shown).toContain('applied: src/math.ts');
    expect(readFileSync(path.join(project.root, 'src/math.ts'), 'utf8')).toContain('export function sub');
  });
});
