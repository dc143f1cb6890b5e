import { unlinkSync } from 'node:fs';
import { mkdir, rename, symlink, writeFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTriStore, type TriStore } from './index.js';
import { createFixtureProject, type FixtureProject } from './testing/fixtureProject.js';

let project: FixtureProject | undefined;
let store: TriStore | undefined;
afterEach(async () => {
  await store?.close();
  await project?.dispose();
  store = undefined;
  project = undefined;
});

async function open(files?: Record<string, string>, config: Record<string, unknown> = {}): Promise<{ project: FixtureProject; store: TriStore }> {
  project = await createFixtureProject(files, config);
  store = await openTriStore(project.config);
  return { project, store };
}

const ids = (symbols: readonly { id: string }[]) => symbols.map((symbol) => symbol.id).sort();

describe('TriStore: index and query', () => {
  it('indexes a project cold, then answers lookups, graph queries, impacted tests and search', async () => {
    const { store } = await open();
    const report = await store.update();
    expect(report.files).toMatchObject({ total: 5, parsed: 5, unchanged: 0, removed: 0 });
    expect(report.symbols).toBe(6);
    expect(report.vectors).toBe(6);
    expect(report.edges).toBeGreaterThan(8);
    expect(ids(await store.lookup('add'))).toEqual(['src/math.ts#add']);
    expect(ids(await store.lookup('calc', { prefix: true }))).toEqual(['src/calc.ts#Calculator']);
    expect((await store.dependencies('Calculator.times')).map((node) => node.id)).toEqual(['src/math.ts#mul']);
    // test/calc.test.ts calls `new Calculator().plus(2)`: a member call the type checker resolves when dependents are asked for.
    expect((await store.dependents('add', 2)).map((node) => node.id).sort()).toEqual(['src/calc.ts#Calculator.plus', 'src/calc.ts#Calculator.times', 'src/math.ts#mul', 'test/calc.test.ts', 'test/math.test.ts']);
    expect(await store.impactedTests({ symbols: ['mul'] })).toEqual(['test/calc.test.ts', 'test/math.test.ts']);
    expect(await store.impactedTests({ files: ['src/calc.ts'] })).toEqual(['test/calc.test.ts']);
    expect(await store.path('Calculator.times', 'add')).toEqual(['src/calc.ts#Calculator.times', 'src/math.ts#mul', 'src/math.ts#add']);
    expect((await store.search('calculator remembers last result', 3))[0]?.symbol).toBe('src/calc.ts#Calculator');
  });

  it('re-parses only what changed; edits, deletes and renames leave nothing stale', async () => {
    const { project, store } = await open();
    await store.update();
    expect((await store.update()).files).toMatchObject({ parsed: 0, unchanged: 5 });
    await project.write('src/math.ts', 'export function add(a: number, b: number): number { return a + b; }\nexport function multiply(a: number, b: number): number { return a * b; }\n');
    await project.write('src/calc.ts', "import { add, multiply } from './math.js';\nexport class Calculator { last = 0; times(x: number) { return multiply(this.last, x); } }\n");
    expect((await store.update()).files).toMatchObject({ parsed: 2, unchanged: 3 });
    expect(await store.lookup('mul')).toEqual([]);
    expect(await store.lookup('plus')).toEqual([]);
    expect((await store.dependents('multiply')).map((node) => node.id)).toEqual(['src/calc.ts#Calculator.times']);
    expect(await store.search('mul', 5)).not.toContainEqual(expect.objectContaining({ symbol: 'src/math.ts#mul' }));
    await project.remove('test/calc.test.ts');
    expect((await store.update()).files.removed).toBe(1);
    expect(await store.impactedTests({ files: ['src/calc.ts'] })).toEqual([]);
    await rename(path.join(project.root, 'src/math.ts'), path.join(project.root, 'src/arith.ts'));
    await project.write('src/calc.ts', "import { multiply } from './arith.js';\nexport class Calculator { times(x: number) { return multiply(1, x); } }\n");
    await project.write('src/index.ts', "export { add } from './arith.js';\n");
    const report = await store.update();
    expect(report.files).toMatchObject({ parsed: 3, removed: 1 });
    expect(ids(await store.lookup('add'))).toEqual(['src/arith.ts#add']);
    expect((await store.dependents('multiply')).map((node) => node.id)).toEqual(['src/calc.ts#Calculator.times']);
    await expect(store.dependents('src/math.ts')).rejects.toMatchObject({ code: 'KREPIS_TRISTORE_SYMBOL_NOT_FOUND' });
  });

  it('relinks importers when a file they import gains the symbol they use', async () => {
    const { project, store } = await open({ 'src/a.ts': "import { later } from './b.js';\nexport function useIt() { return later(); }\n", 'src/b.ts': 'export const other = 1;\n' });
    await store.update();
    expect(await store.dependencies('useIt')).toEqual([]);
    await project.write('src/b.ts', 'export function later() { return 2; }\n');
    await store.update({ files: ['src/b.ts'] });
    expect((await store.dependencies('useIt')).map((node) => node.id)).toEqual(['src/b.ts#later']);
  });
});

describe('TriStore: what it skips, and bad input', () => {
  it('counts ignored, binary, generated, oversize, non-UTF-8, symlink loops and syntax errors, and keeps going', async () => {
    const { project, store } = await open({ 'src/ok.ts': 'export const ok = 1;\n', '.gitignore': 'ignored-by-git.ts\n', '.krepisignore': 'ignored-by-krepis.ts\n' }, { index: { ignore: ['ignored-by-config.ts'], maxFileBytes: 2000 } });
    await project.write('ignored-by-git.ts', 'export const a = 1;');
    await project.write('ignored-by-krepis.ts', 'export const b = 1;');
    await project.write('ignored-by-config.ts', 'export const c = 1;');
    await project.write('src/binary.ts', Buffer.from([0x65, 0x00, 0x01, 0x02]));
    await project.write('src/latin1.ts', Buffer.from([0x2f, 0x2f, 0x20, 0xe9, 0xe8, 0x0a]));
    await project.write('src/schema.ts', '// @generated by protoc\nexport const gen = 1;\n');
    await project.write('dist/out.js', 'export const built = 1;');
    await project.write('src/vendor.min.js', 'var x=1;');
    await project.write('src/huge.ts', `export const big = "${'x'.repeat(3000)}";`);
    await project.write('src/broken.ts', 'export function fine() {}\nfunction broken( {\n');
    await mkdir(path.join(project.root, 'src/nested'), { recursive: true });
    await symlink(project.root, path.join(project.root, 'src/nested/loop'));
    const report = await store.update();
    expect(report.skipped).toEqual({ ignored: 3, binary: 1, 'non-utf8': 1, generated: 3, oversize: 1, 'symlink-loop': 1 });
    expect(report.problems).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'src/latin1.ts', reason: 'non-utf8' }), expect.objectContaining({ file: 'src/broken.ts', reason: 'syntax-error' }), expect.objectContaining({ file: 'src/nested/loop', reason: 'symlink-loop' })]));
    expect(report.files).toMatchObject({ total: 2, withSyntaxErrors: 1 });
    expect(ids(await store.lookup('fine'))).toEqual(['src/broken.ts#fine']);
  });

  it('reports a file deleted mid-index as vanished, without failing', async () => {
    const { project, store } = await open();
    const report = await store.update({ onProgress: (progress) => progress.file === 'src/calc.ts' && unlinkSync(path.join(project.root, 'src/index.ts')) });
    expect(report.problems).toContainEqual(expect.objectContaining({ file: 'src/index.ts', reason: 'vanished' }));
    expect(report.files.parsed).toBe(4);
  });

  it('detects a corrupted symbol store, rebuilds it and says so', async () => {
    const { project, store: first } = await open();
    await first.update();
    await first.close();
    const dir = path.join(project.root, '.krepis/symbols');
    for (const file of await readdir(dir)) if (file.startsWith('MANIFEST') || file === 'CURRENT') await writeFile(path.join(dir, file), 'garbage');
    store = await openTriStore(project.config);
    const report = await store.update();
    expect(report.rebuilt).toMatch(/unreadable.*rebuilt/);
    expect(report.files.parsed).toBe(5);
    expect(ids(await store.lookup('add'))).toEqual(['src/math.ts#add']);
    expect((await store.dependents('mul')).map((node) => node.id).sort()).toEqual(['src/calc.ts#Calculator.times', 'test/math.test.ts']);
  });

  it('fails with a clear error naming the URL when the graph server is unreachable', async () => {
    project = await createFixtureProject(undefined, { graph: { url: 'ws://127.0.0.1:9/rpc' } });
    await expect(openTriStore(project.config)).rejects.toMatchObject({ code: 'KREPIS_TRISTORE_GRAPH_UNREACHABLE', message: expect.stringContaining('ws://127.0.0.1:9/rpc') });
  });
});

describe('TriStore: assembleContext', () => {
  it('renders targets in implementer mode, their neighbours in caller mode and covering tests, inside the budget', async () => {
    const { store } = await open();
    await store.update();
    const counted: string[] = [];
    const context = await store.assembleContext('make mul faster', { budget: 1000, implement: ['mul'], countTokens: (text) => (counted.push(text), text.split(/\s+/).length) });
    const modes = context.items.map((item) => `${item.mode}:${item.symbol}`);
    expect(modes[0]).toBe('implementer:src/math.ts#mul');
    expect(modes).toContain('caller:src/math.ts#add');
    expect(modes).toContain('test:test/math.test.ts');
    expect(context.items[0]?.text).toContain('for (let i = 0; i < b; i++)');
    expect(context.items.find((item) => item.symbol === 'src/math.ts#add')?.text).toContain('@invariant add(a, b) === add(b, a)');
    expect(context.items.find((item) => item.symbol === 'src/math.ts#add')?.text).not.toContain('return a + b');
    expect(counted.length).toBeGreaterThanOrEqual(context.items.length);
    expect(context.totalTokens).toBe(context.items.reduce((sum, item) => sum + item.tokens, 0));
  });

  it('never exceeds the budget and lists what it left out, with reasons', async () => {
    const { store } = await open();
    await store.update();
    const context = await store.assembleContext('Calculator times uses mul and add', { budget: 60 });
    expect(context.totalTokens).toBeLessThanOrEqual(60);
    expect(context.omitted.length).toBeGreaterThan(0);
    for (const entry of context.omitted) expect(entry.reason).toMatch(/budget|caller mode|test file/);
    const none = await store.assembleContext('Calculator', { budget: 1 });
    expect(none.items).toEqual([]);
    expect(none.omitted[0]?.reason).toMatch(/over budget/);
  });
});
