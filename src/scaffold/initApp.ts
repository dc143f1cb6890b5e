import { existsSync } from 'node:fs';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { scaffoldError } from './errors.js';
import { LINKED_PACKAGES, packageDir, templatesDir } from './locate.js';
import { nameForms } from './names.js';
import { planTree, writePlanned } from './writeTree.js';

/** What `krepis init` made. */
export interface InitResult {
  readonly root: string;
  readonly name: string;
  readonly files: string[];
  /** Package → the installed directory it links to (`file:` dependencies, no network). */
  readonly linked: Record<string, string>;
}

/**
 * Creates a kernel app in `dir` (which must be absent or empty). Its dependencies are `file:`
 * links to the packages Krepis itself has installed, created in `node_modules/` right away, so
 * `npm test` and `npm start` work offline with no `npm install`.
 */
export async function initApp(dir: string, options: { name?: string } = {}): Promise<InitResult> {
  const root = path.resolve(dir);
  if (existsSync(root) && (await readdir(root)).length > 0) {
    throw scaffoldError('KREPIS_SCAFFOLD_NOT_EMPTY', `${root} already exists and is not empty`, 'pick a new directory name, e.g. `krepis init my-app`');
  }
  const name = options.name ?? (path.basename(root).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '') || 'krepis-app');
  const linked: Record<string, string> = {};
  const spec = (names: readonly string[]) => Object.fromEntries(names.map((pkg) => [pkg, `file:${(linked[pkg] = packageDir(pkg))}`]));
  const dependencies = JSON.stringify(spec(LINKED_PACKAGES.dependencies), null, 4).replace(/\n}$/, '\n  }');
  const devDependencies = JSON.stringify(spec(LINKED_PACKAGES.devDependencies), null, 4).replace(/\n}$/, '\n  }');
  const files = await planTree(path.join(templatesDir(), 'app'), nameForms('app'), { appName: name, dependencies, devDependencies });
  await writePlanned(root, files);
  await linkPackages(root, linked);
  return { root, name, files: files.map((file) => file.path).sort(), linked };
}

async function linkPackages(root: string, linked: Record<string, string>): Promise<void> {
  const modules = path.join(root, 'node_modules');
  for (const [pkg, target] of Object.entries(linked)) {
    const link = path.join(modules, ...pkg.split('/'));
    await mkdir(path.dirname(link), { recursive: true });
    await symlink(target, link, 'dir');
  }
  await mkdir(path.join(modules, '.bin'), { recursive: true });
  await symlink(path.join('..', 'typescript', 'bin', 'tsc'), path.join(modules, '.bin', 'tsc'));
}
