import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A file's new content (null: the file is removed). */
export interface FileWrite {
  abs: string;
  content: string | null;
}

/**
 * Writes every file or none: each goes to a temp sibling first, then all are renamed into place.
 * A failure while staging or renaming leaves the tree as it was; the staged temps are removed.
 */
export async function writeAllOrNothing(writes: readonly FileWrite[]): Promise<void> {
  const staged: { temp: string; abs: string }[] = [];
  try {
    for (const write of writes) {
      if (write.content === null) continue;
      await mkdir(path.dirname(write.abs), { recursive: true });
      const temp = path.join(path.dirname(write.abs), `.${path.basename(write.abs)}.krepis-${randomBytes(4).toString('hex')}.tmp`);
      await writeFile(temp, write.content);
      staged.push({ temp, abs: write.abs });
    }
  } catch (error) {
    await Promise.all(staged.map((entry) => rm(entry.temp, { force: true })));
    throw error;
  }
  const previous = await Promise.all(writes.map((write) => readFile(write.abs, 'utf8').catch(() => null)));
  try {
    for (const entry of staged) await rename(entry.temp, entry.abs);
    for (const write of writes) if (write.content === null) await rm(write.abs, { force: true });
  } catch (error) {
    await restore(writes, previous);
    await Promise.all(staged.map((entry) => rm(entry.temp, { force: true })));
    throw error;
  }
}

/** Puts back what the files held before a rename failed halfway. */
async function restore(writes: readonly FileWrite[], previous: readonly (string | null)[]): Promise<void> {
  for (const [index, write] of writes.entries()) {
    const content = previous[index] ?? null;
    await (content === null ? rm(write.abs, { force: true }) : writeFile(write.abs, content)).catch(() => undefined);
  }
}
