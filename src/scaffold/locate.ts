import { existsSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { scaffoldError } from './errors.js';

const require = createRequire(import.meta.url);

/** Packages a new app links to (offline): the kernel, the compiler, types, and template libraries. */
export const LINKED_PACKAGES = {
  dependencies: ['@krepis/kernel', 'ws', 'graphql'],
  devDependencies: ['typescript', '@types/node', '@types/ws'],
} as const;

/** The real directory of an installed package, resolved from Krepis's own installation. */
export function packageDir(name: string): string {
  try {
    return realpathSync(path.dirname(require.resolve(`${name}/package.json`)));
  } catch (error) {
    throw scaffoldError('KREPIS_SCAFFOLD_MISSING_PACKAGE', `Krepis cannot find its installed copy of ${name}: ${(error as Error).message}`, 'reinstall Krepis (`npm install`) so its dependencies are present');
  }
}

/** The kernel's template folder; the kernel must be built (its `dist/` is what apps import). */
export function templatesDir(): string {
  const kernel = packageDir('@krepis/kernel');
  if (!existsSync(path.join(kernel, 'dist', 'index.js'))) {
    throw scaffoldError('KREPIS_SCAFFOLD_KERNEL_UNBUILT', `the kernel at ${kernel} has no dist/ build`, 'run `npm run build` in the Krepis checkout');
  }
  return path.join(kernel, 'templates');
}
