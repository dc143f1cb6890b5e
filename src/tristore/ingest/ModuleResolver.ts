import { createRequire } from 'node:module';
import path from 'node:path';
import type * as ts from 'typescript';

/**
 * TypeScript itself, by `require`: an ESM import would make Node scan its 9 MB for named
 * exports on every start (~150 ms), and ts-morph on top of it costs another ~170 ms.
 */
const typescript = createRequire(import.meta.url)('typescript') as typeof ts;

/**
 * Resolves import specifiers to project files with TypeScript's own module resolution,
 * honouring the project's tsconfig `paths`/`baseUrl`.
 */
export class ModuleResolver {
  private readonly options: ts.CompilerOptions;
  private readonly cache: ts.ModuleResolutionCache;

  constructor(private readonly root: string) {
    this.options = readCompilerOptions(root);
    this.cache = typescript.createModuleResolutionCache(root, (name) => name, this.options);
  }

  /** The project-relative file `specifier` resolves to from `importer`, or `undefined` (a package, or nothing). */
  resolve(importer: string, specifier: string, known: (file: string) => boolean): string | undefined {
    const containing = path.join(this.root, importer);
    const resolved = typescript.resolveModuleName(specifier, containing, this.options, typescript.sys, this.cache).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport) return undefined;
    const relative = path.relative(this.root, resolved.resolvedFileName).split(path.sep).join('/');
    if (known(relative)) return relative;
    const source = relative.replace(/\.d\.ts$/, '.ts');
    return known(source) ? source : undefined;
  }
}

function readCompilerOptions(root: string): ts.CompilerOptions {
  const defaults: ts.CompilerOptions = { moduleResolution: typescript.ModuleResolutionKind.Bundler, module: typescript.ModuleKind.ESNext, allowJs: true, resolveJsonModule: false };
  const file = typescript.findConfigFile(root, typescript.sys.fileExists, 'tsconfig.json');
  if (!file || path.dirname(file) !== root) return defaults;
  const { config } = typescript.readConfigFile(file, typescript.sys.readFile);
  const compilerOptions = (config as { compilerOptions?: object } | undefined)?.compilerOptions ?? {};
  const { options } = typescript.convertCompilerOptionsFromJson(compilerOptions, root);
  const merged = { ...defaults, ...options, allowJs: true };
  if (merged.moduleResolution === typescript.ModuleResolutionKind.Classic || merged.moduleResolution === undefined) merged.moduleResolution = typescript.ModuleResolutionKind.Bundler;
  return merged;
}
