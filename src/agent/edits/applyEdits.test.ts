import { describe, expect, it } from 'vitest';
import { Overlay } from '../overlay/Overlay.js';
import { tempProject } from '../testing/tempProject.js';
import { applyEdits } from './applyEdits.js';
import { parseEditAnswer } from './editSchema.js';

const SOURCE = [
  "import { x } from './x.js';",
  '',
  '/** Adds. */',
  'export function add(a: number, b: number): number {',
  '  return a + b;',
  '}',
  '',
  'export class Store {',
  '  get(key: string): string {',
  '    return key;',
  '  }',
  '}',
  '',
].join('\n');

describe('applyEdits', () => {
  it('replaces a function whole, keeping its JSDoc and export; adds a missing symbol at the end and a missing method inside its class', () => {
    using project = tempProject({ 'src/a.ts': SOURCE });
    const overlay = new Overlay(project.root);
    const result = applyEdits(overlay, [
      { kind: 'symbol', file: 'src/a.ts', symbol: 'add', code: 'function add(a: number, b: number): number {\n  return b + a;\n}' },
      { kind: 'symbol', file: 'src/a.ts', symbol: 'Store.get', code: 'get(key: string): string {\n    return key.toUpperCase();\n  }' },
      { kind: 'symbol', file: 'src/a.ts', symbol: 'sub', code: 'export const sub = (a: number, b: number): number => a - b;' },
      { kind: 'symbol', file: 'src/a.ts', symbol: 'Store.has', code: 'has(key: string): boolean {\n    return key !== "";\n  }' },
    ], false);
    expect(result.issues).toEqual([]);
    const after = overlay.read('src/a.ts') ?? '';
    expect(after).toContain('/** Adds. */\nexport function add(a: number, b: number): number {\n  return b + a;\n}');
    expect(after).toContain('return key.toUpperCase();');
    expect(after.trimEnd().endsWith('export const sub = (a: number, b: number): number => a - b;')).toBe(true);
    expect(after).toContain('    return key.toUpperCase();\n  }\n\n  has(key: string): boolean {\n    return key !== "";\n  }\n}\n');
    expect(project.snapshot()['src/a.ts']).toBe(SOURCE);
  });

  it('creates and replaces whole files; refuses outside paths, protected files and emptying a file', () => {
    using project = tempProject({ 'src/a.ts': SOURCE, 'test/a.test.ts': "it('x', () => {});\n" });
    const overlay = new Overlay(project.root);
    const result = applyEdits(overlay, [
      { kind: 'file', file: 'src/new.ts', code: 'export const n = 1;' },
      { kind: 'file', file: '../evil.ts', code: 'x' },
      { kind: 'file', file: 'test/a.test.ts', code: "it.skip('x', () => {});" },
      { kind: 'file', file: 'vitest.config.ts', code: 'export default {}' },
      { kind: 'file', file: 'tsconfig.json', code: '{}' },
      { kind: 'file', file: 'src/a.ts', code: '  \n' },
    ], false);
    expect(result.issues.map((issue) => issue.file)).toEqual(['../evil.ts', 'test/a.test.ts', 'vitest.config.ts', 'tsconfig.json', 'src/a.ts']);
    expect(result.issues.every((issue) => issue.message.startsWith('edit refused'))).toBe(true);
    expect(overlay.changes()).toEqual([{ path: 'src/new.ts', before: null, after: 'export const n = 1;\n' }]);
  });

  it('refuses files the pipeline cannot verify and names that are not portable, so gibberish never passes unseen', () => {
    using project = tempProject({ 'src/a.ts': SOURCE });
    const overlay = new Overlay(project.root);
    const result = applyEdits(overlay, [
      { kind: 'file', file: '{,FOZT\uA7E8name<S', code: 'x' },
      { kind: 'file', file: 'src/notes.md', code: '# notes' },
      { kind: 'file', file: 'src/.env.ts', code: 'export {}' },
      { kind: 'file', file: 'src/routes/[id].ts', code: 'export const id = 1;' },
      { kind: 'file', file: 'config/app.json', code: '{}' },
    ], true);
    expect(result.issues.map((issue) => issue.file)).toEqual(['{,FOZT\uA7E8name<S', 'src/notes.md', 'src/.env.ts']);
    expect(result.issues[1]?.message).toContain('not a file Krepis can verify');
    expect(overlay.changes().map((change) => change.path)).toEqual(['config/app.json', 'src/routes/[id].ts']);
  });

  it('lets the model edit tests when the task asks, and reports them', () => {
    using project = tempProject({ 'test/a.test.ts': "it('x', () => {});\n" });
    const overlay = new Overlay(project.root);
    const result = applyEdits(overlay, [{ kind: 'file', file: 'test/a.test.ts', code: "it('y', () => {});" }], true);
    expect(result).toEqual({ issues: [], testFiles: ['test/a.test.ts'] });
  });
});

describe('parseEditAnswer', () => {
  it('turns an empty, cut-off or malformed answer into issues', () => {
    expect(parseEditAnswer('', 'eos')).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('empty') }] });
    expect(parseEditAnswer('{"summary":"x","edits":[{"kind":"file","file":"a.ts","code":"exp', 'max-tokens')).toMatchObject({ ok: false, issues: [{ message: expect.stringContaining('token limit') }] });
    expect(parseEditAnswer('{"summary":"x","edits":[{"kind":"patch","file":"a.ts"}]}', 'eos')).toMatchObject({ ok: false });
    expect(parseEditAnswer('{"summary":"x","edits":[]}', 'eos')).toMatchObject({ ok: false });
    expect(parseEditAnswer('{"summary":"x","edits":[{"kind":"file","file":"a.ts","code":"x"}]}', 'eos')).toMatchObject({ ok: true });
  });
});
