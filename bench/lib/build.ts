import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type * as Config from '../../src/config/index.js';
import type * as TriStoreModule from '../../src/tristore/index.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** What `npm run build` compiles, and the output that shows when it last ran. */
const SOURCES = ['src', 'kernel/src'];
const BUILT = path.join(repoRoot, 'dist/cli/main.js');

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && entry.name.endsWith('.ts')) newest = Math.max(newest, (await stat(path.join(entry.parentPath, entry.name))).mtimeMs);
  }
  return newest;
}

/**
 * The CLI as users run it (`bin/krepis.js` on `dist/`), built first when a source is newer than
 * the build: benchmarks of a command measure the shipped code, not the sources through a loader.
 * Returns the path of `bin/krepis.js`.
 */
export async function builtCli(log: (line: string) => void): Promise<string> {
  const built = await stat(BUILT).then((info) => info.mtimeMs, () => 0);
  const newest = Math.max(...(await Promise.all(SOURCES.map((dir) => newestSource(path.join(repoRoot, dir))))));
  if (newest > built) {
    log('  building dist/ (a source is newer than the build): npm run build');
    await promisify(execFile)('npm', ['run', 'build'], { cwd: repoRoot, maxBuffer: 16 << 20 });
  }
  return path.join(repoRoot, 'bin/krepis.js');
}

/** What the Tri-Store benches open stores with: the built modules (`dist/`), as `krepis` runs them. */
export interface BuiltTriStore {
  resolveConfig: typeof Config.resolveConfig;
  openTriStore: typeof TriStoreModule.openTriStore;
}

/** The built config and Tri-Store modules (building first when a source is newer). */
export async function builtTriStore(log: (line: string) => void): Promise<BuiltTriStore> {
  await builtCli(log);
  const load = async <T>(file: string) => (await import(pathToFileURL(path.join(repoRoot, 'dist', file)).href)) as T;
  const [{ resolveConfig }, { openTriStore }] = await Promise.all([load<typeof Config>('config/index.js'), load<typeof TriStoreModule>('tristore/index.js')]);
  return { resolveConfig, openTriStore };
}

/** What `krepis index --json` reports, as far as the benches read it. */
export interface IndexRun {
  report: { ms: number; symbols: number; edges: number; vectors: number; files: { total: number } };
  stderr: string;
  /** Wall time of the whole process, start-up and exit included. */
  processMs: number;
}

/** Runs `krepis index <root> --json` from the built CLI in a fresh process (`nodeArgs` go to node). */
export async function krepisIndex(root: string, log: (line: string) => void, nodeArgs: readonly string[] = []): Promise<IndexRun> {
  const cli = await builtCli(log);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...nodeArgs, cli, 'index', root, '--json'], { cwd: repoRoot, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`krepis index failed: ${stderr.trim().slice(-2000) || error.message}`));
      resolve({ report: JSON.parse(stdout) as IndexRun['report'], stderr, processMs: performance.now() - started });
    });
  });
}
