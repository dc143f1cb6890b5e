import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { JobProgress } from './runJob.js';

/** What a running job publishes for `krepis batch status` in another process (LevelDB allows one opener). */
export interface LiveProgress extends JobProgress {
  pid: number;
  updatedAt: string;
}

const fileOf = (folder: string): string => path.join(folder, 'progress.json');

/**
 * Writes the job's progress to `progress.json` at most once per `intervalMs` (and on `flush`).
 * Best effort: a failed write (full disk) never stops the job.
 */
export function liveProgressWriter(folder: string, intervalMs = 1000): { update(progress: JobProgress): void; flush(): Promise<void> } {
  let latest: JobProgress | undefined;
  let last = 0;
  let writing: Promise<void> = Promise.resolve();
  const write = (): Promise<void> => {
    if (!latest) return writing;
    const body: LiveProgress = { ...latest, pid: process.pid, updatedAt: new Date().toISOString() };
    const temporary = `${fileOf(folder)}.tmp`;
    writing = writing.then(() => writeFile(temporary, JSON.stringify(body)).then(() => rename(temporary, fileOf(folder)))).catch(() => undefined);
    return writing;
  };
  return {
    update(progress) {
      latest = progress;
      const now = performance.now();
      if (now - last < intervalMs) return;
      last = now;
      void write();
    },
    flush: write,
  };
}

/** The last progress a job published, if any. */
export async function readLiveProgress(folder: string): Promise<LiveProgress | undefined> {
  try {
    return JSON.parse(await readFile(fileOf(folder), 'utf8')) as LiveProgress;
  } catch {
    return undefined;
  }
}
