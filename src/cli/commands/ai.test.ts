import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { krepis } from '../../../test/cliHarness.js';
import { runAgentTask } from '../../agent/index.js';
import { openAgentSession } from '../../agent/session/openAgentSession.js';
import { answer, tempProject, type TempProject } from '../../agent/testing/tempProject.js';
import { resolveConfig } from '../../config/index.js';
import { createRecordingRuntime, createReplayRuntime } from '../../model/index.js';

const MATH = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const PROMPT = 'add a sub function next to add';
const sub = (type: string) => answer([{ kind: 'symbol', file: 'src/math.ts', symbol: 'sub', code: `export function sub(a: number, b: number): ${type} {\n  return a - b;\n}` }], 'add sub');
const ARGS = ['--replay', 'session.jsonl', '--file', 'src/math.ts', '--stages', 'syntax,types,hallucination,conventions', PROMPT];

let project: TempProject;
let before: Record<string, string>;

/** Records a real session (scripted model: a type error, then a good answer) through the same code path the CLI runs. */
beforeAll(async () => {
  project = tempProject({ 'src/math.ts': MATH });
  const config = await resolveConfig({ cwd: project.root, env: { NO_COLOR: '1' } });
  const runtime = createRecordingRuntime(createReplayRuntime({ responses: [sub('string'), sub('number')] }), path.join(project.root, 'session.jsonl'));
  await using session = await openAgentSession(config, { runtime });
  const report = await runAgentTask({ prompt: PROMPT, root: project.root, focus: { files: ['src/math.ts'], symbols: [] }, stages: ['syntax', 'types', 'hallucination', 'conventions'] }, { runtime: session.runtime, config: session.config, ...(session.tristore ? { tristore: session.tristore } : {}) });
  expect(report.status).toBe('verified');
  before = project.snapshot();
});
afterAll(() => project[Symbol.dispose]());

describe('krepis ai', () => {
  it('--replay reproduces the recorded session (--record writes it again); --json is the full report; nothing is written without --apply', async () => {
    const run = await krepis(['--cwd', project.root, '--json', 'ai', '--record', 'again.jsonl', ...ARGS]);
    expect(run.code).toBe(0);
    const recorded = readFileSync(path.join(project.root, 'again.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { kind: string });
    expect(recorded.filter((entry) => entry.kind === 'generate')).toHaveLength(2);
    rmSync(path.join(project.root, 'again.jsonl'));
    const report = run.json<{ status: string; attempts: { outcome: string }[]; change: { diff: string }; applied: null; context: { source: string } }>();
    expect(report.status).toBe('verified');
    expect(report.context.source).toBe('tristore');
    expect(report.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'verified']);
    expect(report.change.diff).toContain('+export function sub(a: number, b: number): number {');
    expect(report.applied).toBeNull();
    expect(project.snapshot()).toEqual(before);
  });

  it('--apply writes the verified change, shows the diff and summary; krepis undo reverts it', async () => {
    const run = await krepis(['--cwd', project.root, 'ai', '--apply', ...ARGS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('+export function sub(a: number, b: number): number {');
    expect(run.stdout).toMatch(/verified: verified on attempt 2 of 4/);
    expect(run.stdout).toContain('applied to src/math.ts');
    expect(readFileSync(path.join(project.root, 'src/math.ts'), 'utf8')).toContain('export function sub');
    const undo = await krepis(['--cwd', project.root, 'undo']);
    expect(undo.code).toBe(0);
    expect(readFileSync(path.join(project.root, 'src/math.ts'), 'utf8')).toBe(MATH);
    expect((await krepis(['--cwd', project.root, 'undo'])).code).toBe(2);
  });

  it('an unverified result is never written: exit 1 with why, the diff and the issues', async () => {
    const run = await krepis(['--cwd', project.root, 'ai', '--apply', '--attempts', '1', ...ARGS]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('not verified: no attempt verified in 1 of 1');
    expect(run.stdout).toContain("TS2322: Type 'number' is not assignable to type 'string'.");
    expect(run.stdout).toContain('+export function sub(a: number, b: number): string {');
    expect(run.stdout).toContain('Nothing was written');
    expect(project.snapshot()).toEqual(before);
  });

  it('bad flags and an unknown stage are usage errors', async () => {
    expect((await krepis(['--cwd', project.root, 'ai', '--stages', 'types,vibes', 'x'])).code).toBe(2);
    expect((await krepis(['--cwd', project.root, 'ai', '--attempts', '0', 'x'])).code).toBe(2);
  });

  it('with no model configured and nobody to ask, it says what to do and downloads nothing', async () => {
    const run = await krepis(['--cwd', project.root, 'ai', 'add a health endpoint'], { KREPIS_MODELS_DIR: path.join(project.root, 'no-models') });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/KREPIS_MODEL_/);
    expect(run.stderr).toMatch(/krepis model pull|model\.path/);
    expect(project.snapshot()).toEqual(before);
  });
});
