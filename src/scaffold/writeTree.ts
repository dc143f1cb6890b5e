import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { render, type NameForms } from './names.js';

/** One file a template produces. */
export interface PlannedFile {
  /** Relative to the app root, with `/`. */
  readonly path: string;
  readonly text: string;
}

/** Reads a template folder's `*.tpl` files (skipping `template.json`) and renders names and paths. */
export async function planTree(dir: string, forms: NameForms, extra: Readonly<Record<string, string>> = {}): Promise<PlannedFile[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const files = entries.filter((entry) => entry.isFile() && entry.name.endsWith('.tpl'));
  return Promise.all(
    files.map(async (entry) => {
      const source = path.join(entry.parentPath, entry.name);
      const relative = path.relative(dir, source).split(path.sep).join('/').replace(/\.tpl$/, '').replace(/(^|\/)gitignore$/, '$1.gitignore');
      return { path: render(relative, forms, extra), text: render(await readFile(source, 'utf8'), forms, extra) };
    }),
  );
}

/** Writes planned files under `root`. */
export async function writePlanned(root: string, files: readonly PlannedFile[]): Promise<void> {
  for (const file of files) {
    const target = path.join(root, ...file.path.split('/'));
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, file.text);
  }
}
