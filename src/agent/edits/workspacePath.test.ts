import { existsSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveWorkspacePath } from './workspacePath.js';

const root = mkdtempSync(path.join(tmpdir(), 'krepis-ws-'));
mkdirSync(path.join(root, 'src'));
const outside = mkdtempSync(path.join(tmpdir(), 'krepis-outside-'));
symlinkSync(outside, path.join(root, 'src', 'escape'));
symlinkSync(path.join(root, 'src'), path.join(root, 'inner'));
symlinkSync(path.join(outside, 'not-yet.ts'), path.join(root, 'src', 'dangling.ts'));
symlinkSync(path.join(root, 'src', 'loop-b.ts'), path.join(root, 'src', 'loop-a.ts'));
symlinkSync(path.join(root, 'src', 'loop-a.ts'), path.join(root, 'src', 'loop-b.ts'));

describe('resolveWorkspacePath', () => {
  it('accepts project paths, normalised', () => {
    expect(resolveWorkspacePath(root, 'src/a.ts')).toEqual({ ok: true, rel: 'src/a.ts', abs: path.join(root, 'src/a.ts') });
    expect(resolveWorkspacePath(root, './src//b.ts')).toMatchObject({ ok: true, rel: 'src/b.ts' });
    expect(resolveWorkspacePath(root, 'inner/c.ts')).toMatchObject({ ok: true, rel: 'inner/c.ts' });
  });

  it.each([
    ['../etc/passwd', 'climbs out'],
    ['src/../../x.ts', 'climbs out'],
    ['/etc/passwd', 'absolute'],
    ['C:\\Windows\\x.ts', 'absolute'],
    ['~/x.ts', 'absolute'],
    ['.git/config', '.git/'],
    ['node_modules/x/index.js', 'node_modules/'],
    ['.krepis/undo/last.json', '.krepis/'],
    ['src/escape/x.ts', 'symlink'],
    ['src/dangling.ts', 'symlink'],
    ['src/loop-a.ts', 'symlink'],
    ['', 'empty'],
    ['.', 'project root'],
  ])('refuses %j (%s)', (written, reason) => {
    const result = resolveWorkspacePath(root, written);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('never resolves any string to a path outside the root', () => {
    const segment = fc.constantFrom('..', '.', 'src', 'escape', 'inner', '.git', 'a.ts', '', '/', '\\', '~', 'C:');
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), (parts) => {
        const result = resolveWorkspacePath(root, parts.join('/'));
        if (!result.ok) return true;
        let existing = result.abs;
        while (!existsSync(existing)) existing = path.dirname(existing);
        const relative = path.relative(realpathSync(root), realpathSync(existing));
        return !relative.startsWith('..') && !path.isAbsolute(relative);
      }),
      { numRuns: 500 },
    );
  });
});
