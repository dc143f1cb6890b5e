import { readFile, readdir, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import type { SkipReason } from '../types.js';
import { isSourceFile } from './language.js';

/** A source file the index should look at. */
export interface DiscoveredFile {
  /** Project-relative, `/`-separated. */
  path: string;
  absolute: string;
  size: number;
  mtimeMs: number;
}

export interface Discovery {
  files: DiscoveredFile[];
  skipped: Partial<Record<SkipReason, number>>;
  problems: { file: string; reason: SkipReason; detail?: string }[];
}

export interface DiscoverOptions {
  root: string;
  /** The store folder (relative to root), never indexed. */
  storeDir: string;
  /** Extra gitignore-syntax patterns (config `index.ignore`). */
  ignore: readonly string[];
  maxFileBytes: number;
}

/** Never indexed and not worth counting. */
const ALWAYS_IGNORED = new Set(['.git', 'node_modules']);
const GENERATED_PATH = /(^|\/)(dist|build|out|coverage)\/|\.min\.[cm]?js$|\.d\.ts\.map$/;

async function readIgnoreFile(file: string): Promise<string> {
  return readFile(file, 'utf8').catch(() => '');
}

async function buildIgnore(options: DiscoverOptions): Promise<Ignore> {
  const rules = ignore();
  rules.add(await readIgnoreFile(path.join(options.root, '.gitignore')));
  rules.add(await readIgnoreFile(path.join(options.root, '.krepisignore')));
  return rules.add([...options.ignore]);
}

/** Checks only `paths` (project-relative) with the same rules as a full scan: the fast path when the caller knows what changed. */
export async function discoverPaths(options: DiscoverOptions, paths: readonly string[]): Promise<Discovery> {
  const rules = await buildIgnore(options);
  const result: Discovery = { files: [], skipped: {}, problems: [] };
  const skip = (reason: SkipReason) => (result.skipped[reason] = (result.skipped[reason] ?? 0) + 1);
  for (const relative of [...new Set(paths)].sort()) {
    if (!isSourceFile(relative) || relative.startsWith('../')) continue;
    if (rules.ignores(relative) || relative.split('/').some((part) => ALWAYS_IGNORED.has(part))) skip('ignored');
    else if (GENERATED_PATH.test(relative)) skip('generated');
    else {
      const absolute = path.join(options.root, relative);
      const info = await stat(absolute).catch(() => undefined);
      if (!info?.isFile()) continue;
      if (info.size > options.maxFileBytes) skip('oversize');
      else result.files.push({ path: relative, absolute, size: info.size, mtimeMs: info.mtimeMs });
    }
  }
  return result;
}

/**
 * Lists the project's source files, honouring .gitignore, .krepisignore and `index.ignore`,
 * and counts what it leaves out and why (ignored, generated, oversize, symlink loops).
 */
export async function discoverFiles(options: DiscoverOptions): Promise<Discovery> {
  const rules = await buildIgnore(options);
  const result: Discovery = { files: [], skipped: {}, problems: [] };
  const skip = (file: string, reason: SkipReason, detail?: string, report = false) => {
    result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
    if (report) result.problems.push({ file, reason, ...(detail ? { detail } : {}) });
  };
  const visited = new Set<string>([await realpath(options.root)]);
  const storeDir = path.relative(options.root, path.resolve(options.root, options.storeDir)).split(path.sep).join('/');
  const walk = async (relativeDir: string): Promise<void> => {
    const entries = await readdir(path.join(options.root, relativeDir), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
      if (ALWAYS_IGNORED.has(entry.name) || relative === storeDir) continue;
      const absolute = path.join(options.root, relative);
      let isDirectory = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        const target = await stat(absolute).catch(() => undefined);
        if (!target) continue;
        isDirectory = target.isDirectory();
        if (isDirectory) {
          const real = await realpath(absolute);
          const parent = await realpath(path.dirname(absolute));
          if (visited.has(real) || `${parent}/`.startsWith(`${real}/`)) {
            skip(relative, 'symlink-loop', `links back to ${real}`, true);
            continue;
          }
          visited.add(real);
        }
      }
      if (isDirectory) {
        if (rules.ignores(`${relative}/`)) skip(relative, 'ignored');
        else await walk(relative);
        continue;
      }
      if (!isSourceFile(entry.name)) continue;
      if (rules.ignores(relative)) skip(relative, 'ignored');
      else if (GENERATED_PATH.test(relative)) skip(relative, 'generated');
      else await addFile(relative, absolute);
    }
  };
  const addFile = async (relative: string, absolute: string) => {
    const info = await stat(absolute).catch(() => undefined);
    if (!info) return skip(relative, 'vanished', undefined, true);
    if (info.size > options.maxFileBytes) return skip(relative, 'oversize', `${info.size} bytes > index.maxFileBytes ${options.maxFileBytes}`);
    result.files.push({ path: relative, absolute, size: info.size, mtimeMs: info.mtimeMs });
  };
  await walk('');
  result.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return result;
}
