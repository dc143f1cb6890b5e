import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempProject } from '../testing/tempProject.js';
import type { ProposedChange } from '../types.js';
import { applyChange } from './applyChange.js';
import { unifiedDiff } from './diff.js';
import { undoLastChange } from './undoChange.js';

const A = 'export const a = 1;\n';

function change(files: ProposedChange['files']): ProposedChange {
  return { files, diff: unifiedDiff(files), summary: 'bump a and add b' };
}

const git = (root: string, ...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();

describe('applyChange and undo', () => {
  it('writes every file atomically, records undo, and undo restores the tree (new files removed)', async () => {
    using project = tempProject({ 'src/a.ts': A });
    const before = project.snapshot();
    const proposed = change([{ path: 'src/a.ts', before: A, after: 'export const a = 2;\n' }, { path: 'src/deep/b.ts', before: null, after: 'export const b = 1;\n' }]);
    const applied = await applyChange(proposed, project.root);
    expect(applied.files).toEqual(['src/a.ts', 'src/deep/b.ts']);
    expect(readFileSync(path.join(project.root, 'src/a.ts'), 'utf8')).toBe('export const a = 2;\n');
    expect(readFileSync(path.join(project.root, 'src/deep/b.ts'), 'utf8')).toBe('export const b = 1;\n');
    const undone = await undoLastChange(project.root);
    expect(undone.files).toEqual(['src/a.ts', 'src/deep/b.ts']);
    expect(project.snapshot()).toEqual(before);
    await expect(undoLastChange(project.root)).rejects.toMatchObject({ code: 'KREPIS_AGENT_NOTHING_TO_UNDO' });
  });

  it('refuses a change whose files moved on since verification, and one naming a path outside', async () => {
    using project = tempProject({ 'src/a.ts': A });
    await expect(applyChange(change([{ path: 'src/a.ts', before: 'stale\n', after: 'x\n' }]), project.root)).rejects.toMatchObject({ code: 'KREPIS_AGENT_APPLY_CONFLICT' });
    await expect(applyChange(change([{ path: '../x.ts', before: null, after: 'x\n' }]), project.root)).rejects.toMatchObject({ code: 'KREPIS_AGENT_OUTSIDE_WORKSPACE' });
    expect(readFileSync(path.join(project.root, 'src/a.ts'), 'utf8')).toBe(A);
  });

  it('all or nothing: a file that cannot be written leaves every file as it was, no temp files behind', async () => {
    using project = tempProject({ 'src/a.ts': A });
    const before = project.snapshot();
    const proposed = change([{ path: 'src/a.ts', before: A, after: 'changed\n' }, { path: 'src/new.ts', before: null, after: 'new\n' }, { path: 'src/a.ts/inner.ts', before: null, after: 'cannot exist\n' }]);
    await expect(applyChange(proposed, project.root)).rejects.toThrow();
    expect(project.snapshot()).toEqual(before);
  });

  it('--commit commits with a generated message; undo makes a revert commit; edits since block undo', async () => {
    using project = tempProject({ 'src/a.ts': A });
    git(project.root, 'init', '-q');
    git(project.root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '.');
    git(project.root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'init');
    git(project.root, 'config', 'user.name', 'tester');
    git(project.root, 'config', 'user.email', 'tester@example.com');
    const applied = await applyChange(change([{ path: 'src/a.ts', before: A, after: 'export const a = 2;\n' }]), project.root, { commit: true });
    expect(applied.commit).toBe(git(project.root, 'rev-parse', 'HEAD'));
    expect(git(project.root, 'log', '-1', '--format=%s')).toBe('bump a and add b');
    writeFileSync(path.join(project.root, 'src/a.ts'), 'hand edit\n');
    await expect(undoLastChange(project.root)).rejects.toMatchObject({ code: 'KREPIS_AGENT_UNDO_CONFLICT' });
    writeFileSync(path.join(project.root, 'src/a.ts'), 'export const a = 2;\n');
    const undone = await undoLastChange(project.root);
    expect(git(project.root, 'log', '-1', '--format=%s')).toBe('Revert "bump a and add b"');
    expect(undone.commit).toBe(git(project.root, 'rev-parse', 'HEAD'));
    expect(readFileSync(path.join(project.root, 'src/a.ts'), 'utf8')).toBe(A);
    expect(existsSync(path.join(project.root, '.krepis/undo/last.json'))).toBe(false);
  });
});
