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

const ENC = "const enc = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));\nconst dec = (bytes: Uint8Array) => JSON.parse(new TextDecoder().decode(bytes)) as number;\n";
const CAS_DEPOSIT = (guard: string) => `async deposit(account: string, amount: number): Promise<void> {
      ${guard}for (;;) {
        const current = await ports.storage.get('bank', account);
        const written = await ports.storage.put('bank', account, enc(dec(current!.value) + amount), { ifVersion: current!.version });
        if (written.ok) return;
      }
    }`;
const BANK = {
  'src/bank.ts': `import type { Ports } from '@krepis/kernel';\n\n${ENC}\n/** Accounts whose balances only ever grow. */\nexport function createBank(ports: Ports) {\n  return {\n    async open(account: string): Promise<void> {\n      await ports.storage.put('bank', account, enc(0));\n    },\n    ${CAS_DEPOSIT('')},\n  };\n}\n`,
  'src/bank.twin.ts': `import { defineScenario } from '@krepis/kernel';\nimport { createBank } from './bank.js';\n\nexport default defineScenario({\n  name: 'concurrent deposits',\n  async setup({ ports }) {\n    const bank = createBank(ports);\n    await bank.open('alice');\n    return bank;\n  },\n  actors: { deposit: { count: 2, run: ({ app }) => app.deposit('alice', 10) } },\n  finally: { 'every deposit lands': (_bank, view) => (view.json('bank', 'alice') === 20 ? true : \`balance is \${String(view.json('bank', 'alice'))}\`) },\n});\n`,
};
const GUARD = "if (amount <= 0) throw new RangeError('deposit must be positive');\n      ";
const bankEdit = (body: string) => answer([{ kind: 'file', file: 'src/bank.ts', code: BANK['src/bank.ts'].replace(CAS_DEPOSIT(''), body) }], 'reject non-positive deposits');

describe('runAgentTask on a scripted model', () => {
  it('attempt 1 has a type error, attempt 2 breaks a twin invariant, attempt 3 verifies; the tree stays untouched', async () => {
    using project = tempProject(BANK);
    const before = project.snapshot();
    const requests: GenerateRequest[] = [];
    const typeError = `async deposit(account: string, amount: number): Promise<void> {\n      const limit: string = amount;\n      await ports.storage.put('bank', account, enc(limit));\n    }`;
    const lostUpdate = `async deposit(account: string, amount: number): Promise<void> {\n      ${GUARD}const current = await ports.storage.get('bank', account);\n      await ports.storage.put('bank', account, enc(dec(current!.value) + amount));\n    }`;
    const runtime = createReplayRuntime({ responses: [typeError, lostUpdate, CAS_DEPOSIT(GUARD)].map((body) => (request: GenerateRequest) => (requests.push(request), bankEdit(body))) });
    const config = await resolveConfig({ cwd: project.root, env: {} });
    const report = await runAgentTask({ prompt: 'make deposit reject amounts that are not positive', root: project.root, focus: { files: ['src/bank.ts'] } }, { runtime, config });

    expect(report.attempts.map((attempt) => [attempt.outcome, attempt.stages.find((stage) => stage.status === 'failed')?.stage])).toEqual([['failed', 'types'], ['failed', 'twin'], ['verified', undefined]]);
    expect(report.status).toBe('verified');
    const twin = report.attempts[1]?.stages.find((stage) => stage.stage === 'twin');
    expect(twin?.status === 'failed' && twin.issues[0]).toMatchObject({ file: 'src/bank.twin.ts', message: expect.stringContaining('concurrent deposits'), trace: expect.stringContaining('storage.put bank/alice') });
    expect(requests[2]?.messages.at(-1)?.content).toMatch(/twin stage failed[\s\S]*storage\.put bank\/alice/);
    const passed = report.attempts[2]?.stages.find((stage) => stage.stage === 'twin');
    expect(passed).toMatchObject({ status: 'passed', data: { scenarios: ['src/bank.twin.ts'] } });
    expect(report.attempts[2]?.stages.map((stage) => stage.status)).toEqual(['passed', 'passed', 'passed', 'passed', 'skipped', 'passed', 'passed']);
    expect(report.change?.files.map((file) => file.path)).toEqual(['src/bank.ts']);
    expect(report.change?.files[0]?.after).toContain(GUARD.trim());
    expect(report.change?.diff).toContain("+      if (amount <= 0) throw new RangeError('deposit must be positive');");
    expect(project.snapshot()).toEqual(before);
  });

  it('regenerates through a type error and a failing test, then verifies', async () => {
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

  it('plans first for a long task: the planned files become context and the plan is in the task message', async () => {
    using project = tempProject({ 'src/math.ts': FILES['src/math.ts'] });
    const requests: GenerateRequest[] = [];
    const plan = JSON.stringify({ steps: [{ action: 'change', file: 'src/math.ts', symbol: 'sub', why: 'the task asks for subtraction' }] });
    const runtime = createReplayRuntime({ responses: [plan, edit('function add(a: number, b: number): number {\n  return b + a;\n}')].map((text) => (request: GenerateRequest) => (requests.push(request), text)) });
    const config = await resolveConfig({ cwd: project.root, env: {} });
    const prompt = 'we need the math module to grow: keep add as it is but make sure the argument order no longer matters to readers, and note that subtraction is coming next in a later change';
    const report = await runAgentTask({ prompt, root: project.root, stages: ['syntax', 'types'] }, { runtime, config });
    expect(report.plan).toEqual([{ action: 'change', file: 'src/math.ts', symbol: 'sub', why: 'the task asks for subtraction' }]);
    expect(requests[0]?.grammar).toMatchObject({ kind: 'json-schema', schema: { required: ['steps'] } });
    expect(report.context).toMatchObject({ source: 'focus-files', items: 1 });
    expect(requests[1]?.messages[1]?.content).toContain('1. change sub in src/math.ts: the task asks for subtraction');
    expect(report.status).toBe('verified');
  });
});
