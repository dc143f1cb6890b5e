import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatheredContext } from '../context/gatherContext.js';
import { tempProject, type TempProject } from '../testing/tempProject.js';
import { buildFeedback, buildPlanMessage, buildSystemPrompt, buildTaskMessage } from './assemblePrompt.js';
import { kernelExamples } from './kernelReference.js';

const KERNEL = `/**
 * Declares a service: business logic with its ports injected.
 *
 * @example
 * \`\`\`ts
 * export const accounts = defineService('accounts', ({ storage }) => ({ get: (id: string) => storage.get(id) }));
 * \`\`\`
 */
export function defineService(): void {}

/** Internal helper without an example. */
export function helper(): void {}

/**
 * Declares routes.
 * @example
 * export const routes = defineController({ 'GET /health': () => ({ ok: true }) });
 */
export const defineController = (): void => {};
`;

const CONTEXT: GatheredContext = {
  source: 'tristore',
  items: [
    { symbol: 'accounts', file: 'src/accounts.ts', mode: 'implementer', text: "export const accounts = defineService('accounts', () => ({}));", tokens: 14 },
    { symbol: 'Storage', file: 'node_modules/@krepis/kernel/src/ports.ts', mode: 'caller', text: 'export interface Storage { get(key: string): Promise<string | undefined> }', tokens: 16 },
  ],
  omitted: [{ name: 'src/legacy.ts', reason: 'budget (900 tokens)' }],
  tokens: 30,
};

describe('assembled prompts', () => {
  let project: TempProject;
  beforeAll(() => {
    project = tempProject({ 'node_modules/@krepis/kernel/package.json': '{"name":"@krepis/kernel"}', 'node_modules/@krepis/kernel/src/index.ts': KERNEL, 'src/a.ts': 'export const a = 1;\n' }, { modules: false });
  });
  afterAll(() => project[Symbol.dispose]());

  it('system prompt: rules, edit format, the kernel @examples, conventions', () => {
    const system = buildSystemPrompt(project.root);
    expect(system).toContain("defineService('accounts'");
    expect(system).not.toContain('helper');
    expect(system).toMatchSnapshot();
  });

  it('task message: focus, plan, context by mode, and what was left out', () => {
    const message = buildTaskMessage('add a GET /accounts/:id endpoint', { files: ['src/accounts.ts'], symbols: ['accounts'] }, [{ action: 'change', file: 'src/accounts.ts', symbol: 'accounts', why: 'add get' }], CONTEXT);
    expect(message).toContain('src/legacy.ts (budget (900 tokens))');
    expect(message).toMatchSnapshot();
  });

  it('plan message', () => {
    expect(buildPlanMessage('add transfers between accounts', CONTEXT)).toMatchSnapshot();
  });

  it('feedback: deduplicated issues with the failing excerpt, or the twin trace', () => {
    const files: Record<string, string> = { 'src/a.ts': 'line one\nconst x: number = "s";\nline three\n' };
    const issue = { file: 'src/a.ts', line: 2, message: "TS2322: Type 'string' is not assignable to type 'number'." };
    const feedback = buildFeedback(1, 'types', [issue, issue, { file: 'scenario.twin.ts', line: 0, message: 'invariant broken', trace: 't1 read balance=10\nt2 write balance=5' }], (file) => files[file] ?? null);
    expect(feedback.match(/TS2322/g)).toHaveLength(1);
    expect(feedback).toContain('   2 > const x: number = "s";');
    expect(feedback).toMatchSnapshot();
  });
});

describe('kernel reference', () => {
  it('is extracted from the real kernel TSDoc @examples', () => {
    using project = tempProject({});
    const names = kernelExamples(project.root).map((example) => example.name);
    expect(names).toEqual(expect.arrayContaining(['defineService', 'defineController', 'defineModel']));
  });
});
