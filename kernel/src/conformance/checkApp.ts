import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkSources, type SourceFile } from './checkSources.js';
import { mergeResults, type ConformanceResult } from './types.js';
import { checkControllers, checkServices } from './checkControllers.js';

/** What {@link checkApp} checks; every part is optional. */
export interface AppUnderCheck {
  /** The app's root; its `src/` is scanned for source rules. */
  readonly root?: string;
  /** Source files to check instead of (or besides) scanning `root`. */
  readonly files?: readonly SourceFile[];
  readonly controllers?: readonly unknown[];
  readonly services?: readonly unknown[];
}

/**
 * Runs every static kernel rule over an app: source rules on its files, shape rules on its
 * controllers and services. `krepis verify` and the agent call this; so can an app's own test.
 *
 * @example
 * ```ts
 * import { checkApp } from '@krepis/kernel/conformance';
 * const result = await checkApp({ root: process.cwd(), controllers: [todosController], services: [todosService] });
 * assert.deepEqual(result, { ok: true });
 * ```
 */
export async function checkApp(app: AppUnderCheck): Promise<ConformanceResult> {
  const files = [...(app.files ?? []), ...(app.root ? await readSources(path.join(app.root, 'src'), app.root) : [])];
  return mergeResults([checkSources(files), checkControllers(app.controllers ?? []), checkServices(app.services ?? [])]);
}

/**
 * Reads every `.ts`/`.js` file under `dir` (skipping node_modules and dist), paths relative to `root`.
 * @example
 * ```ts
 * const files = await readSources('/srv/app/src', '/srv/app'); // [{ path: 'src/app.ts', text }]
 * ```
 */
export async function readSources(dir: string, root: string): Promise<SourceFile[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  const files = entries.filter((entry) => entry.isFile() && /\.[cm]?[jt]s$/.test(entry.name) && !/node_modules|[\\/]dist[\\/]?/.test(entry.parentPath));
  return Promise.all(files.map(async (entry) => {
    const full = path.join(entry.parentPath, entry.name);
    return { path: path.relative(root, full).split(path.sep).join('/'), text: await readFile(full, 'utf8') };
  }));
}
