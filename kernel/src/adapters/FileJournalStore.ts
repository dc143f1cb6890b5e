import { open, mkdir, readFile, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { BadRequestError } from '../errors/index.js';
import type { JournalStore } from '../ports/index.js';

interface OpenLog {
  readonly handle: FileHandle;
  size: number;
}

/**
 * The production {@link JournalStore}: one file per log under `root`, appends through an
 * append-mode handle, `sync` = `fdatasync`, `replace` = write temp file + fsync + rename + fsync
 * of the directory. Log names must be relative paths without `.`/`..` segments.
 *
 * @example
 * ```ts
 * const store = new FileJournalStore('./data/journal');
 * const journal = await Journal.open(store, 'orders');
 * ```
 */
export class FileJournalStore implements JournalStore {
  private readonly logs = new Map<string, Promise<OpenLog>>();

  constructor(readonly root: string) {}

  async append(log: string, bytes: Uint8Array): Promise<number> {
    const file = await this.openLog(log);
    const offset = file.size;
    file.size += bytes.length;
    let written = 0;
    while (written < bytes.length) written += (await file.handle.write(bytes, written, bytes.length - written)).bytesWritten;
    return offset;
  }

  async read(log: string, offset = 0): Promise<Uint8Array> {
    try {
      const bytes = await readFile(this.pathOf(log));
      return new Uint8Array(bytes.buffer, bytes.byteOffset + offset, Math.max(0, bytes.length - offset));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Uint8Array();
      throw error;
    }
  }

  async sync(log: string): Promise<void> {
    await (await this.openLog(log)).handle.datasync();
  }

  async truncate(log: string, length: number): Promise<void> {
    const file = await this.openLog(log);
    await file.handle.truncate(length);
    await file.handle.sync();
    file.size = length;
  }

  async replace(log: string, bytes: Uint8Array): Promise<void> {
    const target = this.pathOf(log);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.tmp`;
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await this.closeLog(log);
    await rename(temp, target);
    await syncDirectory(path.dirname(target));
  }

  /** Closes every open file handle. */
  async close(): Promise<void> {
    await Promise.all([...this.logs.keys()].map((log) => this.closeLog(log)));
  }

  private async closeLog(log: string): Promise<void> {
    const file = this.logs.get(log);
    this.logs.delete(log);
    if (file) await (await file).handle.close();
  }

  private openLog(log: string): Promise<OpenLog> {
    let file = this.logs.get(log);
    if (!file) {
      const target = this.pathOf(log);
      file = mkdir(path.dirname(target), { recursive: true })
        .then(() => open(target, 'a'))
        .then(async (handle) => ({ handle, size: (await handle.stat()).size }));
      this.logs.set(log, file);
      file.catch(() => this.logs.delete(log));
    }
    return file;
  }

  private pathOf(log: string): string {
    const segments = log.split('/');
    if (log.length === 0 || path.isAbsolute(log) || segments.some((segment) => segment === '' || segment === '.' || segment === '..' || segment.includes('\\') || segment.includes('\0'))) {
      throw new BadRequestError(`invalid journal log name ${JSON.stringify(log)}`, { hint: 'use relative names like "tenants/acme/orders"' }, 'KREPIS_KERNEL_BAD_LOG');
    }
    return path.join(this.root, ...segments);
  }
}

async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
