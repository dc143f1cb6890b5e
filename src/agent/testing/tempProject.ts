import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Krepis's own node_modules, linked into temp projects so vitest and TypeScript resolve. */
const KREPIS_MODULES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../node_modules');

export const STRICT_TSCONFIG = JSON.stringify({
  compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true, types: [] },
  include: ['src', 'test'],
});

export interface TempProject extends Disposable {
  root: string;
  /** Every file under the root (except node_modules, .git and the .krepis store) with its content. */
  snapshot(): Record<string, string>;
}

/** A throwaway TypeScript project for agent tests: `files` plus a strict tsconfig (unless `tsconfig: false`). */
export function tempProject(files: Record<string, string>, options: { tsconfig?: boolean; modules?: boolean } = {}): TempProject {
  const root = mkdtempSync(path.join(tmpdir(), 'krepis-agent-'));
  const all = { 'package.json': JSON.stringify({ name: 'app', type: 'module' }), ...(options.tsconfig === false ? {} : { 'tsconfig.json': STRICT_TSCONFIG }), ...files };
  for (const [rel, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  if (options.modules !== false) symlinkSync(KREPIS_MODULES, path.join(root, 'node_modules'), 'dir');
  const snapshot = () =>
    Object.fromEntries(
      readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile() && !/(^|\/)(node_modules|\.git|\.krepis)(\/|$)/.test(path.relative(root, entry.parentPath)))
        .map((entry) => {
          const abs = path.join(entry.parentPath, entry.name);
          return [path.relative(root, abs), readFileSync(abs, 'utf8')] as const;
        })
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  return { root, snapshot, [Symbol.dispose]: () => removeTempDir(root) };
}

/** An edit answer as the model would write it. */
export const answer = (edits: object[], summary = 'change'): string => JSON.stringify({ summary, edits });

/**
 * Best-effort removal of a test's temp folder: the embedded SurrealDB engine can keep flushing its
 * manifest after `close()` while the test process lives, and a leftover folder in the OS temp dir
 * is harmless, whereas failing the test over it is not.
 */
export function removeTempDir(root: string): void {
  try {
    rmSync(root, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  } catch {
    // left for the OS to clean up
  }
}
