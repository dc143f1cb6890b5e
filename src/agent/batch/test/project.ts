import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A temp project with `count` small TypeScript files `src/f<n>.ts`; disposing removes it. */
export async function tempProject(count: number): Promise<{ root: string; storeDir: string; files: string[] } & AsyncDisposable> {
  const root = await mkdtemp(path.join(tmpdir(), 'krepis-batch-'));
  await mkdir(path.join(root, 'src'));
  const files: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const file = `src/f${String(index).padStart(4, '0')}.ts`;
    await writeFile(path.join(root, file), `export function f${index}(): number {\n  return ${index};\n}\n`);
    files.push(file);
  }
  return { root, storeDir: path.join(root, '.krepis'), files, [Symbol.asyncDispose]: () => rm(root, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 }).catch(() => undefined) /* the embedded graph engine may still be flushing after close(); a leftover temp folder is harmless */ };
}
