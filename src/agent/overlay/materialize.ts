import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Overlay } from './Overlay.js';

const NOT_COPIED = new Set(['node_modules', '.git', '.krepis']);

export interface MaterializedOverlay extends AsyncDisposable {
  dir: string;
}

/**
 * A temp copy of the workspace with the overlay's files written into it, for stages that run
 * real processes (tests, twin, conformance). `node_modules` is linked, not copied.
 */
export async function materializeOverlay(overlay: Overlay): Promise<MaterializedOverlay> {
  const dir = await mkdtemp(path.join(tmpdir(), 'krepis-overlay-'));
  await cp(overlay.root, dir, {
    recursive: true,
    filter: (source) => !NOT_COPIED.has(path.basename(source)) || path.dirname(source) !== overlay.root,
  });
  const modules = path.join(overlay.root, 'node_modules');
  if (existsSync(modules)) await symlink(modules, path.join(dir, 'node_modules'), 'dir');
  for (const change of overlay.changes()) {
    const target = path.join(dir, change.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, change.after);
  }
  const dispose = () => rm(dir, { recursive: true, force: true });
  return { dir, [Symbol.asyncDispose]: dispose };
}
