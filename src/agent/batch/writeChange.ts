import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BatchError, BatchErrorCode } from './errors.js';
import type { ChangedFile, ItemChange } from './types.js';

/** What applying one change did: written, already there (a resumed apply), or refused. */
export type WriteResult = { ok: true; written: string[]; alreadyApplied: string[] } | { ok: false; conflicts: string[] };

async function readOrNull(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The absolute path of a changed file, refusing anything that leaves `root`. */
export function insideRoot(root: string, file: string): string {
  const absolute = path.resolve(root, file);
  const relative = path.relative(root, absolute);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative) || relative.split(path.sep)[0] === '.git') {
    throw new BatchError(BatchErrorCode.applyFailed, `Refusing to write ${file}: outside the project`, { hint: 'A change may only touch files inside the project root.' });
  }
  return absolute;
}

async function writeAtomic(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // A fixed name (not per process): a write cut short by kill -9 is redone by the resumed apply,
  // which renames over the same temp file, so none is left behind in the user's tree.
  const temporary = `${file}.krepis-tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

type Plan = { file: ChangedFile; absolute: string; action: 'write' | 'skip' | 'conflict' };

async function plan(root: string, file: ChangedFile): Promise<Plan> {
  const absolute = insideRoot(root, file.path);
  const current = await readOrNull(absolute);
  if (current === file.after) return { file, absolute, action: 'skip' };
  return { file, absolute, action: current === file.before ? 'write' : 'conflict' };
}

/**
 * Writes a verified change idempotently: each file is compared with the change's `before` and
 * `after` first. A file already at `after` is left alone (a resumed apply after `kill -9`); a file
 * at neither is a conflict, and then nothing at all is written. Each write is temp file + rename.
 */
export async function writeChange(root: string, change: ItemChange): Promise<WriteResult> {
  const plans = await Promise.all(change.files.map((file) => plan(root, file)));
  const conflicts = plans.filter((entry) => entry.action === 'conflict').map((entry) => entry.file.path);
  if (conflicts.length > 0) return { ok: false, conflicts };
  const written: string[] = [];
  for (const entry of plans) {
    if (entry.action !== 'write') continue;
    if (entry.file.after === null) await rm(entry.absolute, { force: true });
    else await writeAtomic(entry.absolute, entry.file.after);
    written.push(entry.file.path);
  }
  return { ok: true, written, alreadyApplied: plans.filter((entry) => entry.action === 'skip').map((entry) => entry.file.path) };
}
