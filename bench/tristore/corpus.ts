import { cp, mkdir, mkdtemp, readdir, readFile, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/** Real TypeScript installed from npm: zod's own sources, @types/node, and TypeScript's lib .d.ts files. */
export const CORPUS_SOURCES = ['node_modules/zod/src', 'node_modules/@types/node', 'node_modules/typescript/lib'];

/** Copies the corpus into a fresh temp project (lib .d.ts files only from typescript/lib). */
export async function makeCorpus(): Promise<string> {
  const root = await mkdtemp(path.join(tmpdir(), 'krepis-bench-corpus-'));
  await cp(path.join(repo, 'node_modules/zod/src'), path.join(root, 'zod'), { recursive: true });
  await cp(path.join(repo, 'node_modules/@types/node'), path.join(root, 'types-node'), { recursive: true, filter: (source) => !source.endsWith('package.json') });
  await mkdir(path.join(root, 'typescript-lib'));
  for (const file of await readdir(path.join(repo, 'node_modules/typescript/lib'))) {
    if (file.endsWith('.d.ts')) await cp(path.join(repo, 'node_modules/typescript/lib', file), path.join(root, 'typescript-lib', file));
  }
  return root;
}

/** Every .ts file under `root` up to `maxBytes` (what the index would parse with the default config). */
export async function sourceFiles(root: string, maxBytes = 1024 * 1024): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|tsx|mts|cts)$/.test(entry.name) || entry.parentPath.includes('.krepis')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if ((await stat(file)).size <= maxBytes) files.push(file);
  }
  return files.sort();
}

export async function totalBytes(files: readonly string[]): Promise<number> {
  let bytes = 0;
  for (const file of files) bytes += (await readFile(file)).length;
  return bytes;
}

/** p-th percentile (0–100) of samples, in the samples' unit. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
