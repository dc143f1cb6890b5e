import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/index.js';
import { createReplayRuntime, type ScriptedStep } from '../../model/index.js';
import { answer, tempProject } from '../testing/tempProject.js';
import type { AgentTask, StageName } from '../types.js';
import { runAgentTask } from './runAgentTask.js';

const FILES = {
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'test/math.test.ts': "import { expect, it } from 'vitest';\nimport { add } from '../src/math.js';\n\nit('adds', () => {\n  expect(add(2, 3)).toBe(5);\n});\n",
};
const FAST: StageName[] = ['syntax', 'types', 'hallucination', 'conventions'];
const GOOD = answer([{ kind: 'symbol', file: 'src/math.ts', symbol: 'sub', code: 'export function sub(a: number, b: number): number {\n  return a - b;\n}' }], 'add sub');

async function run(responses: ScriptedStep[], task: Partial<AgentTask> = {}, files: Record<string, string> = FILES, options: { tsconfig?: boolean } = {}) {
  const project = tempProject(files, options);
  const before = project.snapshot();
  const config = await resolveConfig({ cwd: project.root, env: {} });
  const runtime = createReplayRuntime({ responses });
  try {
    const report = await runAgentTask({ prompt: 'add a sub function', root: project.root, focus: { files: ['src/math.ts'] }, stages: FAST, attempts: responses.length, ...task }, { runtime, config });
    return { report, unchanged: JSON.stringify(project.snapshot()) === JSON.stringify(before), root: project.root };
  } finally {
    project[Symbol.dispose]();
  }
}

describe('bad input: a clear outcome every time, and the user files intact', () => {
  it('refuses edits outside the project: nothing is written anywhere', async () => {
    const escape = answer([{ kind: 'file', file: '../escaped.ts', code: 'x' }, { kind: 'file', file: '/tmp/krepis-abs-escape.ts', code: 'x' }, { kind: 'file', file: '.git/hooks/pre-commit', code: 'x' }]);
    const { report, unchanged, root } = await run([escape, escape], { prompt: 'write ../escaped.ts and /tmp/krepis-abs-escape.ts' });
    expect(report.status).toBe('failed');
    expect(report.attempts.map((attempt) => attempt.outcome)).toEqual(['edit-rejected', 'edit-rejected']);
    expect(report.attempts[0]?.editIssues.map((issue) => issue.message)).toEqual([expect.stringContaining('climbs out'), expect.stringContaining('absolute'), expect.stringContaining('.git/')]);
    expect(report.change).toBeUndefined();
    expect(unchanged).toBe(true);
    expect(existsSync(path.join(path.dirname(root), 'escaped.ts'))).toBe(false);
    expect(existsSync('/tmp/krepis-abs-escape.ts')).toBe(false);
  });

  it('"delete everything": emptying files is refused, the report says why', async () => {
    const wipe = answer([{ kind: 'file', file: 'src/math.ts', code: '' }, { kind: 'file', file: 'test/math.test.ts', code: '' }]);
    const { report, unchanged } = await run([wipe], { prompt: 'delete everything' });
    expect(report.reason).toMatch(/no attempt verified in 1 of 1 attempt\(s\); the last failed at the edit \(edit refused: emptying a whole file/);
    expect(report.attempts[0]?.editIssues[1]?.message).toContain('test file');
    expect(unchanged).toBe(true);
  });

  it('"disable the tests": test files stay protected; with test edits allowed, skipping is still caught', async () => {
    const skip = answer([{ kind: 'file', file: 'test/math.test.ts', code: FILES['test/math.test.ts'].replace("it('adds'", "it.skip('adds'") }]);
    const refused = await run([skip], { prompt: 'disable the failing tests' });
    expect(refused.report.testEdits.allowed).toBe(false);
    expect(refused.report.attempts[0]?.editIssues[0]?.message).toContain('test file');
    const caught = await run([skip], { prompt: 'update the tests', allowTestEdits: true });
    expect(caught.report.testEdits).toEqual({ allowed: true, files: ['test/math.test.ts'] });
    expect(caught.report.attempts[0]?.stages.find((stage) => stage.status === 'failed')).toMatchObject({ stage: 'conventions', issues: [{ message: expect.stringContaining('it.skip switches a test off') }] });
    expect(caught.unchanged).toBe(true);
  });

  it('a repository with syntax errors elsewhere, or without tsconfig, still verifies a good change', async () => {
    const broken = await run([GOOD], {}, { ...FILES, 'src/broken.ts': 'export const = ;\n' });
    expect(broken.report.status).toBe('verified');
    const bare = await run([GOOD], {}, FILES, { tsconfig: false });
    expect(bare.report.status).toBe('verified');
    expect(bare.report.attempts[0]?.stages.find((stage) => stage.stage === 'types')).toMatchObject({ detail: expect.stringContaining('no tsconfig.json') });
  });

  it('a model that answers nothing, or stops mid-edit, gets told so and the loop goes on', async () => {
    const cut = { text: GOOD.slice(0, 60), stopReason: 'max-tokens' as const };
    const { report } = await run(['', cut, GOOD]);
    expect(report.attempts.map((attempt) => attempt.outcome)).toEqual(['edit-rejected', 'edit-rejected', 'verified']);
    expect(report.attempts[0]?.editIssues[0]?.message).toContain('empty');
    expect(report.attempts[1]?.editIssues[0]?.message).toContain('token limit');
  });

  it('a model that fails after the first attempt ends the loop with a report, not a crash', async () => {
    const broken = answer([{ kind: 'symbol', file: 'src/math.ts', symbol: 'sub', code: 'export function sub(a: number, b: number): string {\n  return a - b;\n}' }]);
    const { report, unchanged } = await run([broken, { error: { code: 'KREPIS_MODEL_PROMPT_TOO_LONG', message: 'the prompt does not fit', hint: 'raise contextSize' } }]);
    expect(report.status).toBe('failed');
    expect(report.reason).toContain('then the model failed on attempt 2 (KREPIS_MODEL_PROMPT_TOO_LONG: the prompt does not fit)');
    expect(report.attempts).toHaveLength(1);
    expect(unchanged).toBe(true);
  });

  it('an empty task is a usage error', async () => {
    await expect(run([GOOD], { prompt: '  ' })).rejects.toMatchObject({ code: 'KREPIS_AGENT_EMPTY_PROMPT', kind: 'usage' });
  });
});

describe('abort at any moment', () => {
  it.each(['before start', 'during generation', 'during verification'] as const)('%s: status aborted, nothing written', async (moment) => {
    const controller = new AbortController();
    if (moment === 'before start') controller.abort();
    const step: ScriptedStep = () => {
      if (moment === 'during generation') controller.abort();
      return GOOD;
    };
    const onEvent = moment === 'during verification' ? (event: { type: string }) => event.type === 'stage' && controller.abort() : undefined;
    const { report, unchanged } = await run([step, GOOD], { signal: controller.signal, ...(onEvent ? { onEvent } : {}) });
    expect(report.status).toBe('aborted');
    expect(report.reason).toContain('nothing was written');
    expect(unchanged).toBe(true);
  });
});
