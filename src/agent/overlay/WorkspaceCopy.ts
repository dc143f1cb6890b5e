import { constants, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FileChange } from '../types.js';

const NOT_COPIED = new Set(['node_modules', '.git', '.krepis']);
const COPY_CONCURRENCY = 64;

async function copyTree(root: string, dir: string): Promise<void> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  const dirs = new Set<string>();
  for (const entry of entries) {
    const rel = path.relative(root, path.join(entry.parentPath, entry.name));
    if (NOT_COPIED.has(rel.split(path.sep)[0] ?? '')) continue;
    if (entry.isDirectory()) dirs.add(rel);
    else if (entry.isFile()) files.push(rel);
  }
  for (const folder of [...dirs].sort()) await mkdir(path.join(dir, folder), { recursive: true });
  for (let start = 0; start < files.length; start += COPY_CONCURRENCY) {
    await Promise.all(files.slice(start, start + COPY_CONCURRENCY).map((rel) => copyFile(path.join(root, rel), path.join(dir, rel), constants.COPYFILE_FICLONE)));
  }
}

/**
 * A temp copy of the workspace for stages that run real processes (tests, twin, conformance),
 * made once per task: each attempt only rewrites the files that differ from the previous one.
 * `node_modules` is linked, not copied; the user's tree is only ever read.
 */
export class WorkspaceCopy implements AsyncDisposable {
  readonly dir: string;
  #written: FileChange[] = [];

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async create(root: string): Promise<WorkspaceCopy> {
    const dir = await mkdtemp(path.join(tmpdir(), 'krepis-overlay-'));
    try {
      await copyTree(root, dir);
      const modules = path.join(root, 'node_modules');
      if (existsSync(modules)) await symlink(modules, path.join(dir, 'node_modules'), 'dir');
    } catch (error) {
      await rm(dir, { recursive: true, force: true });
      throw error;
    }
    return new WorkspaceCopy(dir);
  }

  /** Makes the copy hold the workspace plus exactly `changes` (undoing the previous attempt's). */
  async sync(changes: readonly FileChange[]): Promise<string> {
    const next = new Set(changes.map((change) => change.path));
    for (const old of this.#written.filter((change) => !next.has(change.path))) {
      const target = path.join(this.dir, old.path);
      await (old.before === null ? rm(target, { force: true }) : writeFile(target, old.before));
    }
    for (const change of changes) {
      await mkdir(path.dirname(path.join(this.dir, change.path)), { recursive: true });
      await writeFile(path.join(this.dir, change.path), change.after);
    }
    this.#written = [...changes];
    return this.dir;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
