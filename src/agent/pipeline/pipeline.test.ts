import { afterEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../config/index.js';
import { materializeOverlay, type MaterializedOverlay } from '../overlay/materialize.js';
import { Overlay } from '../overlay/Overlay.js';
import { ProjectService } from '../project/ProjectService.js';
import { tempProject, type TempProject } from '../testing/tempProject.js';
import type { StageName } from '../types.js';
import { runPipeline } from './runPipeline.js';
import type { StageContext } from './StageContext.js';

const projects: TempProject[] = [];
afterEach(() => projects.splice(0).forEach((project) => project[Symbol.dispose]()));

async function check(files: Record<string, string>, edits: Record<string, string>, stages: StageName[], options: { tsconfig?: boolean; full?: boolean } = {}) {
  const project = tempProject(files, { tsconfig: options.tsconfig ?? true });
  projects.push(project);
  const overlay = new Overlay(project.root);
  for (const [file, text] of Object.entries(edits)) overlay.write(file, text);
  const service = new ProjectService(project.root);
  const context: StageContext = {
    root: project.root, config: await resolveConfig({ cwd: project.root, env: {} }), overlay, changes: overlay.changes(), project: service,
    materialize: async () => (copy ??= await materializeOverlay(overlay)).dir,
  };
  let copy: MaterializedOverlay | undefined;
  const outcomes = await runPipeline(context, { stages, full: options.full ?? false });
  await copy?.[Symbol.asyncDispose]();
  service.dispose();
  return { outcomes, context, byStage: (name: StageName) => outcomes.find((outcome) => outcome.stage === name) };
}

const MATH = 'export function add(a: number, b: number): number {\n  return a + b;\n}\n';
const USER = "import { add } from './math.js';\nexport const three: number = add(1, 2);\n";

describe('verification stages', () => {
  it('syntax: blames a missing brace on the change, not errors the file already had', async () => {
    const broken = await check({ 'src/math.ts': MATH }, { 'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n' }, ['syntax']);
    expect(broken.byStage('syntax')).toMatchObject({ status: 'failed', issues: [{ file: 'src/math.ts', message: expect.stringContaining('missing') }] });
    const already = await check({ 'src/bad.ts': 'export const x = (;\n' }, { 'src/bad.ts': 'export const x = (;\nexport const y = 1;\n' }, ['syntax']);
    expect(already.byStage('syntax')).toMatchObject({ status: 'passed' });
  });

  it('types: finds the error a change causes in a dependent file, and ignores errors that were there before', async () => {
    const result = await check({ 'src/math.ts': MATH, 'src/user.ts': USER, 'src/old.ts': 'export const bad: string = 1;\n' }, { 'src/math.ts': MATH.replace('): number {', '): string {').replace('a + b', 'String(a + b)') }, ['types']);
    expect(result.byStage('types')).toMatchObject({ status: 'failed', issues: [{ file: 'src/user.ts', line: 2, message: expect.stringContaining('TS2322') }] });
    const preexisting = await check({ 'src/old.ts': 'export const bad: string = 1;\n' }, { 'src/old.ts': 'export const bad: string = 1;\nexport const good = 2;\n' }, ['types']);
    expect(preexisting.byStage('types')).toMatchObject({ status: 'passed', detail: expect.stringContaining('1 pre-existing') });
  });

  it('types: a project without tsconfig.json is checked with strict defaults, and says so', async () => {
    const result = await check({ 'src/math.ts': MATH }, { 'src/math.ts': 'export function add(a, b) {\n  return a + b;\n}\n' }, ['types'], { tsconfig: false });
    expect(result.byStage('types')).toMatchObject({ status: 'failed', issues: [{ message: expect.stringContaining("'a' implicitly has an") }, { message: expect.stringContaining("'b' implicitly has an") }] });
    const ok = await check({ 'src/math.ts': MATH }, { 'src/math.ts': MATH.replace('a + b', 'b + a') }, ['types'], { tsconfig: false });
    expect(ok.byStage('types')).toMatchObject({ status: 'passed', detail: expect.stringContaining('no tsconfig.json') });
  });

  it('hallucination: made-up modules, exports and names are caught and counted apart from type errors', async () => {
    const edit = "import { add, multiply } from './math.js';\nimport { nothing } from './nowhere.js';\nexport const n: number = add(1, 2) + multiply(2, 3) + nothing + missingName;\n";
    const result = await check({ 'src/math.ts': MATH, 'src/user.ts': USER }, { 'src/user.ts': edit }, ['types', 'hallucination']);
    expect(result.byStage('types')).toMatchObject({ status: 'passed' });
    const stage = result.byStage('hallucination');
    expect(stage?.status).toBe('failed');
    expect(stage?.status === 'failed' && stage.issues.map((issue) => issue.message.match(/TS\d+/)?.[0])).toEqual(['TS2305', 'TS2307', 'TS2304']);
    expect(result.context.typeCheck?.hallucinations).toHaveLength(3);
  });

  it('conventions: kernel code must use ports, nothing may silence the checker or skip tests', async () => {
    const service = "import { defineService } from '@krepis/kernel';\nexport const stamp = () => Date.now() + Math.random();\n// @ts-ignore\nexport const y: number = 'x' as any;\n";
    const result = await check({ 'src/clock.ts': "export const a = 1;\n" }, { 'src/clock.ts': service }, ['conventions']);
    const stage = result.byStage('conventions');
    expect(stage?.status === 'failed' && stage.issues.map((issue) => issue.message.split(':')[0])).toEqual(['no-suppression', 'ports-only', 'ports-only', 'no-any-cast']);
  });

  it('stops at the first failure, or runs every stage with full', async () => {
    const edits = { 'src/math.ts': 'export function add(a: number): number {\n  return a;\n}\n// @ts-ignore\n' };
    const first = await check({ 'src/math.ts': MATH, 'src/user.ts': USER }, edits, ['syntax', 'types', 'hallucination', 'conventions']);
    expect(first.outcomes.map((outcome) => outcome.status)).toEqual(['passed', 'failed', 'not-run', 'not-run', 'not-run', 'not-run', 'not-run']);
    const full = await check({ 'src/math.ts': MATH, 'src/user.ts': USER }, edits, ['syntax', 'types', 'hallucination', 'conventions', 'twin', 'conformance'], { full: true });
    expect(full.outcomes.map((outcome) => outcome.status)).toEqual(['passed', 'failed', 'passed', 'failed', 'not-run', 'skipped', 'skipped']);
    expect(full.byStage('twin')).toMatchObject({ reason: expect.stringContaining('no twin scenario') });
  });

  it('conformance: the kernel rules on changed app code — source rules and controller shapes', async () => {
    const controller = (status: number) => `import { defineController } from '@krepis/kernel';\n\nexport const health = defineController({\n  routes: (route) => [route.get('/health', { status: ${status} }, () => ({ ok: true }))],\n});\n`;
    const bad = await check({ 'src/health.ts': controller(200) }, { 'src/health.ts': controller(99).replace('({ ok: true })', '({ ok: true, at: Date.now() })') }, ['conformance']);
    const stage = bad.byStage('conformance');
    expect(stage?.status === 'failed' && stage.issues.map((issue) => issue.message.split(':')[0])).toEqual(['no-direct-clock', 'route-status']);
    const good = await check({ 'src/health.ts': controller(200) }, { 'src/health.ts': controller(204) }, ['conformance']);
    expect(good.byStage('conformance')).toMatchObject({ status: 'passed', detail: expect.stringContaining('1 controller(s)') });
    const throwing = await check({ 'src/health.ts': controller(200) }, { 'src/health.ts': `${controller(200)}throw new Error('boom at load');\n` }, ['conformance']);
    expect(throwing.byStage('conformance')).toMatchObject({ status: 'failed', issues: [{ file: 'src/health.ts', message: expect.stringContaining('boom at load') }] });
  });
});
