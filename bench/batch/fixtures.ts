import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A temp project of `count` one-line TypeScript files under src/, written 500 at a time. */
export async function benchProject(count: number): Promise<{ root: string; storeDir: string; files: string[]; dispose(): Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), 'krepis-bench-batch-'));
  await mkdir(path.join(root, 'src'));
  const files = Array.from({ length: count }, (_, index) => `src/f${String(index).padStart(5, '0')}.ts`);
  for (let start = 0; start < count; start += 500) {
    await Promise.all(files.slice(start, start + 500).map((file, offset) => writeFile(path.join(root, file), `export const v${start + offset} = ${start + offset};\n`)));
  }
  return { root, storeDir: path.join(root, '.krepis'), files, dispose: () => rm(root, { recursive: true, force: true }) };
}
