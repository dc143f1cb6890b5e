import { existsSync, lstatSync, readlinkSync, realpathSync } from 'node:fs';
import path from 'node:path';

/** Folders an edit may never touch: version control, Krepis state, installed packages. */
const FORBIDDEN_SEGMENTS = new Set(['.git', '.krepis', 'node_modules']);

export type WorkspacePath = { ok: true; rel: string; abs: string } | { ok: false; reason: string };

const isInside = (parent: string, child: string): boolean => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** The deepest part of `abs` that exists, resolved through symlinks (a dangling link resolves to where it points). */
function realExistingPrefix(abs: string, hops = 0): string {
  if (lstatSync(abs, { throwIfNoEntry: false })?.isSymbolicLink() && !existsSync(abs)) {
    // A symlink loop resolves nowhere: answer the filesystem root, which is never inside a project.
    return hops > 32 ? path.parse(abs).root : realExistingPrefix(path.resolve(path.dirname(abs), readlinkSync(abs)), hops + 1);
  }
  let current = abs;
  const rest: string[] = [];
  while (!existsSync(current)) {
    const parent = path.dirname(current);
    if (parent === current) break;
    rest.unshift(path.basename(current));
    current = parent;
  }
  return path.join(realpathSync(current), ...rest);
}

/**
 * Resolves a path the model wrote to a file inside the workspace, or says why it is refused:
 * absolute paths, `..`, `.git` / `.krepis` / `node_modules`, and symlinks that lead outside.
 */
export function resolveWorkspacePath(root: string, written: string): WorkspacePath {
  const raw = written.trim().replaceAll('\\', '/');
  if (raw === '') return { ok: false, reason: 'empty path' };
  if (raw.includes('\0')) return { ok: false, reason: 'path contains a NUL byte' };
  if (path.posix.isAbsolute(raw) || /^[a-zA-Z]:/.test(raw) || raw.startsWith('~')) return { ok: false, reason: `absolute path "${written}" (paths are relative to the project root)` };
  const segments = raw.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) return { ok: false, reason: `"${written}" climbs out of the project with ".."` };
  const forbidden = segments.find((segment) => FORBIDDEN_SEGMENTS.has(segment));
  if (forbidden) return { ok: false, reason: `"${written}" is inside ${forbidden}/, which edits may not touch` };
  if (segments.length === 0) return { ok: false, reason: `"${written}" names the project root, not a file` };
  const rel = segments.join('/');
  const abs = path.join(root, ...segments);
  const realRoot = realpathSync(root);
  if (!isInside(realRoot, realExistingPrefix(abs))) return { ok: false, reason: `"${written}" leads outside the project through a symlink` };
  return { ok: true, rel, abs };
}
