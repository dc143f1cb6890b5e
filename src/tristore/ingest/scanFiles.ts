import { hash as digest } from 'node:crypto';
import { throwIfAborted } from '../errors.js';
import type { FileSummary } from '../symbols/SymbolIndex.js';
import type { IndexProgress, IndexReport, SkipReason } from '../types.js';
import type { DiscoveredFile } from './discoverFiles.js';
import { readSource, type SourceRead } from './readSource.js';

/** A file whose content differs from what the index holds (or that a killed run left dirty). */
export interface ChangedSource {
  file: DiscoveredFile;
  /** Position in the discovery order (progress events count in it). */
  index: number;
  text: string;
  hash: string;
}

export interface Scan {
  /** In discovery order; `problemsBefore` is how many of `problems` come before each one. */
  changed: (ChangedSource & { problemsBefore: number })[];
  /** Same content, new size or mtime (a checkout, a touch): only the summary is refreshed. */
  touched: { path: string; size: number; mtimeMs: number }[];
  /** Files present and readable. */
  current: Set<string>;
  unchanged: number;
  skipped: Partial<Record<SkipReason, number>>;
  problems: IndexReport['problems'];
}

/** Files read ahead of the hashing: the reads overlap in the thread pool. */
const READ_AHEAD = 16;

/**
 * Reads and hashes every candidate whose size or mtime moved, in discovery order, and sorts them
 * into unchanged (same hash), touched (same hash, new mtime) and changed (to parse).
 */
export async function scanFiles(
  files: readonly DiscoveredFile[],
  known: ReadonlyMap<string, FileSummary>,
  dirty: ReadonlySet<string>,
  start: { skipped: Scan['skipped']; problems: Scan['problems'] },
  options: { signal?: AbortSignal | undefined; onProgress?: ((progress: IndexProgress) => void) | undefined },
): Promise<Scan> {
  const scan: Scan = { changed: [], touched: [], current: new Set(), unchanged: 0, skipped: start.skipped, problems: start.problems };
  const needsRead = files.map((file) => {
    const summary = known.get(file.path);
    return !(summary && summary.size === file.size && summary.mtimeMs === file.mtimeMs && !dirty.has(file.path));
  });
  const reads = new Map<number, Promise<SourceRead>>();
  const readAhead = (from: number) => {
    for (let index = from; index < files.length && reads.size < READ_AHEAD; index++) {
      if (!needsRead[index] || reads.has(index)) continue;
      const file = files[index] as DiscoveredFile;
      // Reported as each read starts: a file deleted after this event is read as vanished.
      options.onProgress?.({ phase: 'scan', done: index, total: files.length, file: file.path });
      reads.set(index, readSource(file.absolute));
    }
  };
  for (const [index, file] of files.entries()) {
    throwIfAborted(options.signal);
    if (!needsRead[index]) {
      scan.current.add(file.path);
      scan.unchanged++;
      continue;
    }
    readAhead(index);
    const read = await (reads.get(index) as Promise<SourceRead>);
    reads.delete(index);
    readAhead(index + 1);
    if (!read.ok) {
      scan.skipped[read.reason] = (scan.skipped[read.reason] ?? 0) + 1;
      if (read.reason !== 'generated' && read.reason !== 'binary') scan.problems.push({ file: file.path, reason: read.reason, ...(read.detail ? { detail: read.detail } : {}) });
      continue;
    }
    scan.current.add(file.path);
    const hash = digest('sha1', read.text, 'base64url');
    if (known.get(file.path)?.hash === hash && !dirty.has(file.path)) {
      scan.unchanged++;
      scan.touched.push({ path: file.path, size: file.size, mtimeMs: file.mtimeMs });
      continue;
    }
    scan.changed.push({ file, index, text: read.text, hash, problemsBefore: scan.problems.length });
  }
  return scan;
}
