import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/index.js';
import { createReplayRuntime } from '../../model/index.js';
import type { GenerateRequest } from '../../model/ModelRuntime.js';
import { answer, tempProject } from '../testing/tempProject.js';
import type { AgentEvent } from '../types.js';
import { runAgentTask } from './runAgentTask.js';

const FILES = {
  'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n',
  'src/total.ts': "import { add } from './math.js';\n\nexport const total: number = add(1, 2);\n",
  'test/math.test.ts': "import { expect, it } from 'vitest';\nimport { add } from '../src/math.js';\n\nit('adds', () => {\n  expect(add(2, 3)).toBe(5);\n});\n",
};

const edit = (code: string) => answer([{ kind: 'symbol', file: 'src/math.ts', symbol: 'add', code }], 'make add clamp at zero');

describe('runAgentTask on a scripted model', () => {
  it('regenerates through a type error and a failing test, then verifies; the tree stays untouched', async () => {
    using project = tempProject(FILES);
    const before = project.snapshot();
    const requests: GenerateRequest[] = [];
    const runtime = createReplayRuntime({
      responses: [
        (request) => (requests.push(request), edit('function add(a: number, b: number): string {\n  return String(a + b);\n}')),
        (request) => (requests.push(request), edit('function add(a: number, b: number): number {\n  return a - b;\n}')),
        (request) => (requests.push(request), edit('function add(a: number, b: number): number {\n  return Math.max(0, a + b);\n}')),
      ],
    });
    const config = await resolveConfig({ cwd: project.root, env: {} });
    const events: AgentEvent[] = [];
    const report = await runAgentTask({ prompt: 'make add clamp negative sums at zero', root: project.root, focus: { files: ['src/math.ts'] }, onEvent: (event) => events.push(event) }, { runtime, config });

    expect(report.attempts.map((attempt) => attempt.outcome)).toEqual(['failed', 'failed', 'verified']);
    expect(report.attempts.map((attempt) => attempt.stages.find((stage) => stage.status === 'failed')?.stage)).toEqual(['types', 'tests', undefined]);
    expect(report.status).toBe('verified');
    expect(report.change?.files).toEqual([{ path: 'src/math.ts', before: FILES['src/math.ts'], after: 'export function add(a: number, b: number): number {\n  return Math.max(0, a + b);\n}\n' }]);
    expect(report.change?.diff).toContain('+  return Math.max(0, a + b);');
    expect(project.snapshot()).toEqual(before);
    // the same system prefix every attempt; feedback names the failure with its excerpt
    expect(new Set(requests.map((request) => request.messages[0]?.content)).size).toBe(1);
    expect(requests[1]?.messages.at(-1)?.content).toMatch(/types stage failed[\s\S]*src\/total\.ts:3[\s\S]*TS2322/);
    expect(requests[2]?.messages.at(-1)?.content).toMatch(/tests stage failed[\s\S]*adds/);
    expect(requests.map((request) => request.seed)).toEqual([42, 43, 44]);
    expect(events.filter((event) => event.type === 'stage').length).toBeGreaterThan(5);
  });
});
