import path from 'node:path';
import { ts } from 'ts-morph';

/**
 * Resolves import specifiers to project files with TypeScript's own module resolution
 * (through ts-morph's bundled compiler), honouring the project's tsconfig `paths`/`baseUrl`.
 */
export class ModuleResolver {
  private readonly options: ts.CompilerOptions;
  private readonly cache: ts.ModuleResolutionCache;

  constructor(private readonly root: string) {
    this.options = readCompilerOptions(root);
    this.cache = ts.createModuleResolutionCache(root, (name) => name, this.options);
  }

  /** The project-relative file `specifier` resolves to from `importer`, or `undefined` (a package, or nothing). */
  resolve(importer: string, specifier: string, known: (file: string) => boolean): string | undefined {
    const containing = path.join(this.root, importer);
    const resolved = ts.resolveModuleName(specifier, containing, this.options, ts.sys, this.cache).resolvedModule;
    if (!resolved || resolved.isExternalLibraryImport) return undefined;
    const relative = path.relative(this.root, resolved.resolvedFileName).split(path.sep).join('/');
    if (known(relative)) return relative;
    const source = relative.replace(/\.d\.ts$/, '.ts');
    return known(source) ? source : undefined;
  }
}

function readCompilerOptions(root: string): ts.CompilerOptions {
  const defaults: ts.CompilerOptions = { moduleResolution: ts.ModuleResolutionKind.Bundler, module: ts.ModuleKind.ESNext, allowJs: true, resolveJsonModule: false };
  const file = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  if (!file || path.dirname(file) !== root) return defaults;
  const { config } = ts.readConfigFile(file, ts.sys.readFile);
  const compilerOptions = (config as { compilerOptions?: object } | undefined)?.compilerOptions ?? {};
  const { options } = ts.convertCompilerOptionsFromJson(compilerOptions, root);
  const merged = { ...defaults, ...options, allowJs: true };
  if (merged.moduleResolution === ts.ModuleResolutionKind.Classic || merged.moduleResolution === undefined) merged.moduleResolution = ts.ModuleResolutionKind.Bundler;
  return merged;
}
