import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { scaffoldError } from './errors.js';
import { templatesDir } from './locate.js';
import { nameForms, render } from './names.js';
import { planTree, writePlanned } from './writeTree.js';

const Manifest = z.object({
  description: z.string(),
  register: z.array(z.object({ list: z.enum(['controllers', 'services', 'plugins']), export: z.string(), from: z.string() })).default([]),
});

/** A template `krepis generate` can draw on. */
export interface TemplateInfo {
  readonly name: string;
  readonly description: string;
}

/** What `krepis generate` wrote and registered. */
export interface GenerateResult {
  readonly template: string;
  readonly files: string[];
  /** `list: export` entries added to `src/app.ts`. */
  readonly registered: string[];
}

/** Every template shipped with the kernel (the app skeleton excluded). */
export async function listTemplates(): Promise<TemplateInfo[]> {
  const dir = templatesDir();
  const names = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && entry.name !== 'app').map((entry) => entry.name).sort();
  return Promise.all(names.map(async (name) => ({ name, description: (await readManifest(dir, name)).description })));
}

async function readManifest(dir: string, template: string) {
  return Manifest.parse(JSON.parse(await readFile(path.join(dir, template, 'template.json'), 'utf8')));
}

/**
 * Renders `template` for `rawName` into the app at `root` and registers its controllers,
 * services and plugins in `src/app.ts`. Refuses to overwrite files unless `force`.
 */
export async function generate(root: string, template: string, rawName: string, options: { force?: boolean } = {}): Promise<GenerateResult> {
  const dir = templatesDir();
  if (template === 'app' || !existsSync(path.join(dir, template, 'template.json'))) {
    const known = (await listTemplates()).map((info) => info.name).join(', ');
    throw scaffoldError('KREPIS_SCAFFOLD_UNKNOWN_TEMPLATE', `no template "${template}"`, `choose one of: ${known}`);
  }
  const appFile = path.join(root, 'src', 'app.ts');
  if (!existsSync(appFile)) throw scaffoldError('KREPIS_SCAFFOLD_NOT_AN_APP', `${root} has no src/app.ts`, 'run it inside an app made by `krepis init` (or pass --cwd <app>)');
  const forms = nameForms(rawName);
  const manifest = await readManifest(dir, template);
  const files = await planTree(path.join(dir, template), forms);
  const clashes = files.filter((file) => existsSync(path.join(root, file.path)));
  if (clashes.length > 0 && !options.force) {
    throw scaffoldError('KREPIS_SCAFFOLD_EXISTS', `${clashes.map((file) => file.path).join(', ')} already exist`, 'choose another name, or pass --force to overwrite', { files: clashes.map((file) => file.path) });
  }
  const entries = manifest.register.map((entry) => ({ list: entry.list, export: render(entry.export, forms), from: render(entry.from, forms) }));
  const app = registerAll(await readFile(appFile, 'utf8'), entries, appFile);
  await writePlanned(root, files);
  await writeFile(appFile, app);
  return { template, files: files.map((file) => file.path).sort(), registered: entries.map((entry) => `${entry.list}: ${entry.export}`) };
}

function registerAll(source: string, entries: readonly { list: string; export: string; from: string }[], file: string): string {
  let text = source;
  const byModule = new Map<string, string[]>();
  for (const entry of entries) byModule.set(entry.from, [...(byModule.get(entry.from) ?? []), entry.export]);
  for (const [from, names] of byModule) {
    if (text.includes(`from '${from}'`)) continue;
    text = insertBefore(text, '// krepis:imports', `import { ${[...new Set(names)].join(', ')} } from '${from}';\n`, file);
  }
  for (const entry of entries) {
    if (new RegExp(`^\\s+${entry.export},$`, 'm').test(text)) continue;
    text = insertBefore(text, `  // krepis:${entry.list}`, `  ${entry.export},\n`, file);
  }
  return text;
}

function insertBefore(text: string, marker: string, insertion: string, file: string): string {
  const index = text.indexOf(marker);
  if (index < 0) throw scaffoldError('KREPIS_SCAFFOLD_NO_MARKER', `${file} has no "${marker.trim()}" line`, `add the line "${marker.trim()}" where new entries belong`);
  return text.slice(0, index) + insertion + text.slice(index);
}
